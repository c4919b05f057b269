package io.oneapi.proxy.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.oneapi.spi.Usage;
import java.io.IOException;

/**
 * Reads, without building a tree, what billing needs from OpenAI-format bodies and stream chunks: the
 * {@code usage} object, the generated text (for counting when usage is missing) and whether the body is an
 * error. One instance per request; not thread-safe.
 */
public final class OpenAiUsageReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_TEXT_CHARS = 4 * 1024 * 1024;

    private final StringBuilder text = new StringBuilder();
    private final boolean collectText;
    private Usage usage;
    private boolean errorSeen;
    private boolean doneSeen;
    /** The last {@link #read}: an event with an empty {@code choices} array and no {@code usage}. */
    private boolean lastWasEmpty;
    private boolean choicesSeen;
    private boolean choiceSeen;
    private boolean usageSeen;

    /** A reader that also collects the generated text (streams: usage, if any, comes only at the end). */
    public OpenAiUsageReader() {
        this(true);
    }

    private OpenAiUsageReader(boolean collectText) {
        this.collectText = collectText;
    }

    /**
     * A reader that skips the generated text: for a whole body, which can be read again with a collecting reader in
     * the rare case its usage has no token counts ({@link #hasTokenCounts()}).
     */
    public static OpenAiUsageReader withoutText() {
        return new OpenAiUsageReader(false);
    }

    /** Reads one stream event's data, or a whole unary body. Unparsable input is ignored. */
    public void read(ByteBuf json) {
        lastWasEmpty = false;
        choicesSeen = false;
        choiceSeen = false;
        usageSeen = false;
        int length = json.readableBytes();
        if (length == 6 && json.getByte(json.readerIndex()) == '[' && isDone(json)) {
            doneSeen = true;
            return;
        }
        byte[] array;
        int offset;
        if (json.hasArray()) {
            array = json.array();
            offset = json.arrayOffset() + json.readerIndex();
        } else {
            array = ByteBufUtil.getBytes(json);
            offset = 0;
        }
        try (JsonParser p = JSON.createParser(array, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            readTopLevel(p);
            lastWasEmpty = choicesSeen && !choiceSeen && !usageSeen;
        } catch (IOException | RuntimeException e) {
            // Not JSON: forwarded as is, nothing to learn from it.
        }
    }

    private static boolean isDone(ByteBuf json) {
        return json.toString(java.nio.charset.StandardCharsets.US_ASCII).equals("[DONE]");
    }

    private void readTopLevel(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "usage" -> {
                    usageSeen = value == JsonToken.START_OBJECT;
                    readUsage(p, value);
                }
                case "choices" -> {
                    choicesSeen = value == JsonToken.START_ARRAY;
                    readChoices(p, value);
                }
                case "error" -> {
                    errorSeen = value == JsonToken.START_OBJECT || value == JsonToken.VALUE_STRING;
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
    }

    private void readUsage(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        int prompt = 0;
        int completion = 0;
        int total = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NUMBER_INT) {
                switch (field) {
                    case "prompt_tokens", "input_tokens" -> prompt = p.getIntValue();
                    case "completion_tokens", "output_tokens" -> completion = p.getIntValue();
                    case "total_tokens" -> total = p.getIntValue();
                    default -> {
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        if (prompt + completion + total > 0) {
            usage = new Usage(prompt, completion, total > 0 ? total : prompt + completion);
        }
    }

    private void readChoices(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            choiceSeen = true;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ((field.equals("delta") || field.equals("message")) && t == JsonToken.START_OBJECT) {
                    readMessage(p);
                } else if (collectText && field.equals("text") && t == JsonToken.VALUE_STRING) {
                    appendText(p.getText());
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private void readMessage(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (collectText && (field.equals("content") || field.equals("reasoning_content"))
                    && t == JsonToken.VALUE_STRING) {
                appendText(p.getText());
            } else if (collectText && field.equals("tool_calls") && t == JsonToken.START_ARRAY) {
                readToolCalls(p);
            } else {
                p.skipChildren();
            }
        }
    }

    /** Tool call names and arguments are generated tokens too. */
    private void readToolCalls(JsonParser p) throws IOException {
        int depth = 1;
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return;
            }
            if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                depth++;
            } else if (t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT) {
                depth--;
            } else if (t == JsonToken.VALUE_STRING) {
                String field = p.currentName();
                if ("arguments".equals(field) || "name".equals(field)) {
                    appendText(p.getText());
                }
            }
        }
    }

    private void appendText(String s) {
        if (collectText && text.length() + s.length() <= MAX_TEXT_CHARS) {
            text.append(s);
        }
    }

    /** Whether the usage read has prompt or completion tokens: billing then needs no generated text. */
    public boolean hasTokenCounts() {
        return usage != null && (usage.promptTokens() > 0 || usage.completionTokens() > 0);
    }

    /** The upstream's usage, or null when it sent none. */
    public Usage usage() {
        return usage;
    }

    public String generatedText() {
        return text.toString();
    }

    /**
     * Whether the event just read has an empty {@code choices} array and no {@code usage}: Azure's content-filter
     * preamble ({@code prompt_filter_results}), which One API drops because clients reading {@code choices[0]}
     * fail on it.
     */
    public boolean lastWasEmpty() {
        return lastWasEmpty;
    }

    public boolean errorSeen() {
        return errorSeen;
    }

    public boolean doneSeen() {
        return doneSeen;
    }
}
