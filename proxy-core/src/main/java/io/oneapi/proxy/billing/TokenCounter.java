package io.oneapi.proxy.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.oneapi.storage.options.Options;
import java.util.function.Supplier;

/**
 * Counts tokens locally, as One API does (relay/adaptor/openai/token.go), for pre-consumption and for billing when
 * the upstream reports no usage. Offline: jtokkit ships its vocabularies. o200k_base for the gpt-4o / gpt-4.1 /
 * gpt-4.5 / gpt-5 / o1 / o3 / o4 families, cl100k_base for everything else. With {@code ApproximateTokenEnabled},
 * tokens = ceil(0.38 x UTF-8 bytes) and no tokenizer runs.
 *
 * <p>Thread-safe; build one per JVM (loading a vocabulary takes a few hundred ms) and call it from the billing
 * executor: counting a large prompt is CPU work that must not run on an event loop.
 */
public final class TokenCounter {
    private static final String[] O200K_PREFIXES = {"gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "chatgpt-4o", "o1", "o3",
            "o4"};

    private final Supplier<Options> options;
    private final Encoding cl100k;
    private final Encoding o200k;

    public TokenCounter(Supplier<Options> options) {
        this.options = options;
        EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
        this.cl100k = registry.getEncoding(EncodingType.CL100K_BASE);
        this.o200k = registry.getEncoding(EncodingType.O200K_BASE);
    }

    /** Tokens of plain text; special-token markers such as {@code <|endoftext|>} count as ordinary text. */
    public int countText(String text, String model) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (options.get().approximateTokenEnabled()) {
            return (int) Math.ceil(0.38 * utf8Length(text));
        }
        return encodingFor(model).countTokensOrdinary(text);
    }

    /**
     * One API's chat prompt count: per message 3 tokens (4 for gpt-3.5-turbo-0301), the role, the content (a string,
     * or parts: text parts counted, image parts by {@link ImageTokens}), and for a name its tokens plus 1 (minus 1
     * for 0301); plus 3 for the reply priming. Tools and tool calls are not counted (see {@link #countChatRequest}).
     */
    public int countChatPrompt(JsonNode messages, String model) {
        if (messages == null || !messages.isArray()) {
            return 0;
        }
        boolean legacy = model.equals("gpt-3.5-turbo-0301");
        int perMessage = legacy ? 4 : 3;
        int perName = legacy ? -1 : 1;
        int tokens = 0;
        for (JsonNode message : messages) {
            tokens += perMessage;
            tokens += countContent(message.path("content"), model);
            tokens += countText(message.path("role").asText(""), model);
            JsonNode name = message.get("name");
            if (name != null && name.isTextual()) {
                tokens += perName + countText(name.asText(), model);
            }
        }
        return tokens + 3;
    }

    /**
     * {@link #countChatPrompt} plus what One API leaves out: the JSON of {@code tools} / {@code functions}
     * definitions and of assistant {@code tool_calls} / {@code function_call}, counted as text. OpenAI formats these
     * differently internally, so this is an estimate, but one that does not bill a long tool list as free when the
     * upstream reports no usage. The relay uses this for chat requests.
     */
    public int countChatRequest(JsonNode request, String model) {
        int tokens = countChatPrompt(request.path("messages"), model);
        for (JsonNode message : request.path("messages")) {
            tokens += countJson(message.get("tool_calls"), model) + countJson(message.get("function_call"), model);
        }
        return tokens + countJson(request.get("tools"), model) + countJson(request.get("functions"), model);
    }

    /**
     * A completions {@code prompt} (or moderations / embeddings {@code input}): a string, an array of strings
     * (concatenated, as One API means to), or pre-tokenised arrays of token ids (their length).
     */
    public int countCompletionsPrompt(JsonNode prompt, String model) {
        if (prompt == null || prompt.isNull() || prompt.isMissingNode()) {
            return 0;
        }
        if (prompt.isTextual()) {
            return countText(prompt.asText(), model);
        }
        if (!prompt.isArray()) {
            return 0;
        }
        StringBuilder text = new StringBuilder();
        int tokenIds = 0;
        for (JsonNode item : prompt) {
            if (item.isTextual()) {
                text.append(item.asText());
            } else if (item.isNumber()) {
                tokenIds++;
            } else if (item.isArray()) {
                tokenIds += item.size();
            }
        }
        return countText(text.toString(), model) + tokenIds;
    }

    private int countContent(JsonNode content, String model) {
        if (content.isTextual()) {
            return countText(content.asText(), model);
        }
        int tokens = 0;
        if (content.isArray()) {
            for (JsonNode part : content) {
                String type = part.path("type").asText("");
                if (type.equals("text")) {
                    tokens += countText(part.path("text").asText(""), model);
                } else if (type.equals("image_url") && !part.path("image_url").isMissingNode()) {
                    tokens += ImageTokens.count(part.path("image_url"), model);
                }
            }
        }
        return tokens;
    }

    private int countJson(JsonNode node, String model) {
        return node == null || node.isNull() ? 0 : countText(node.toString(), model);
    }

    Encoding encodingFor(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1); // "openai/gpt-4o" -> "gpt-4o"
        for (String prefix : O200K_PREFIXES) {
            if (name.startsWith(prefix)) {
                return o200k;
            }
        }
        return cl100k;
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
