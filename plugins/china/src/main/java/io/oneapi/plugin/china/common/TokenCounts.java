package io.oneapi.plugin.china.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.Usage;

/** Reading a provider's token counts, whatever it names them. */
public final class TokenCounts {
    private TokenCounts() {
    }

    /**
     * The usage in {@code usage} under the given field names; the total defaults to the sum, and
     * {@link Usage#NONE} when every count is 0 or absent (the core then counts itself).
     */
    public static Usage read(JsonNode usage, String prompt, String completion, String total) {
        int promptTokens = usage.path(prompt).asInt(0);
        int completionTokens = usage.path(completion).asInt(0);
        int totalTokens = usage.path(total).asInt(promptTokens + completionTokens);
        return totalTokens == 0 && promptTokens == 0 && completionTokens == 0 ? Usage.NONE
                : new Usage(promptTokens, completionTokens, totalTokens);
    }
}
