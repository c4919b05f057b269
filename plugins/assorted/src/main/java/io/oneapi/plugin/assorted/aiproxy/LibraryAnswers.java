package io.oneapi.plugin.assorted.aiproxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.assorted.common.ProviderErrors;

/** Reading AI Proxy library answers: the answer text, its source documents and errors. */
final class LibraryAnswers {
    private LibraryAnswers() {
    }

    /**
     * The answer's sources as the Markdown list One API appends to the answer
     * ({@code "\n\n参考文档：\n1. [title](url)\n"}), empty when there are none.
     */
    static String documents(JsonNode documents) {
        if (!documents.isArray() || documents.isEmpty()) {
            return "";
        }
        StringBuilder markdown = new StringBuilder("\n\n参考文档：\n");
        int number = 1;
        for (JsonNode document : documents) {
            markdown.append(number++).append(". [").append(document.path("title").asText(""))
                    .append("](").append(document.path("url").asText("")).append(")\n");
        }
        return markdown.toString();
    }

    /** The message of an error answer ({@code errCode} not 0) or of any other error body. */
    static String errorMessage(JsonNode body) {
        return ProviderErrors.text(body, "message", "error.message", "error", "msg");
    }
}
