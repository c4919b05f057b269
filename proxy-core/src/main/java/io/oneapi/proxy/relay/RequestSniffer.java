package io.oneapi.proxy.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads {@code model}, {@code stream} and the token limit from a request body: a streaming pass over the
 * top-level JSON fields (nested values are skipped, not parsed into objects), or the {@code model} field of
 * a multipart form for audio uploads.
 */
public final class RequestSniffer {
    private static final JsonFactory JSON = new JsonFactory();

    private RequestSniffer() {
    }

    public static RequestFacts sniff(String contentType, ByteBuf body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            return RequestFacts.form(MultipartField.find(type, contentType, body, "model"));
        }
        if (!body.isReadable()) {
            return RequestFacts.invalid();
        }
        return sniffJson(body);
    }

    static RequestFacts sniffJson(ByteBuf body) {
        String model = "";
        boolean stream = false;
        boolean streamIsBoolean = true;
        int maxTokens = 0;
        boolean messages = false;
        boolean prompt = false;
        boolean input = false;
        try (JsonParser p = JSON.createParser((java.io.InputStream) new ByteBufInputStream(body.duplicate()))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return RequestFacts.invalid();
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "model" -> model = value == JsonToken.VALUE_STRING ? p.getText() : model;
                    case "stream" -> {
                        stream = value == JsonToken.VALUE_TRUE;
                        // "true" or 1 read as false here but as true by a lenient upstream, which would then
                        // stream an answer billed as a non-stream one: refused, as OpenAI refuses it.
                        streamIsBoolean = value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE
                                || value == JsonToken.VALUE_NULL;
                        p.skipChildren();
                    }
                    case "max_tokens", "max_completion_tokens" -> {
                        if (value == JsonToken.VALUE_NUMBER_INT) {
                            long v = p.getLongValue();
                            maxTokens = v > Integer.MAX_VALUE ? -1 : (int) v;
                        } else if (value != JsonToken.VALUE_NULL) {
                            maxTokens = -1;
                        }
                    }
                    case "messages" -> {
                        if (value == JsonToken.START_ARRAY) {
                            messages = p.nextToken() != JsonToken.END_ARRAY;
                            if (messages) {
                                p.skipChildren();
                                while (p.nextToken() != JsonToken.END_ARRAY) {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "prompt" -> {
                        prompt = value != JsonToken.VALUE_NULL;
                        p.skipChildren();
                    }
                    case "input" -> {
                        input = value != JsonToken.VALUE_NULL;
                        p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
            boolean valid = t == JsonToken.END_OBJECT && p.nextToken() == null;
            return new RequestFacts(model, stream, maxTokens, valid, messages, prompt, input, streamIsBoolean);
        } catch (IOException | RuntimeException e) {
            return new RequestFacts(model, stream, maxTokens, false, messages, prompt, input);
        }
    }

    /** Finds a small text field in a multipart body without decoding the file parts. */
    static final class MultipartField {
        private MultipartField() {
        }

        static String find(String lowerType, String contentType, ByteBuf body, String field) {
            int b = lowerType.indexOf("boundary=");
            if (b < 0) {
                return "";
            }
            String boundary = contentType.substring(b + 9).trim();
            int semi = boundary.indexOf(';');
            if (semi >= 0) {
                boundary = boundary.substring(0, semi);
            }
            if (boundary.startsWith("\"") && boundary.endsWith("\"") && boundary.length() >= 2) {
                boundary = boundary.substring(1, boundary.length() - 1);
            }
            // Field parts come first in practice; scanning a bounded prefix keeps file bytes untouched.
            int scan = Math.min(body.readableBytes(), 64 * 1024);
            String head = body.toString(body.readerIndex(), scan, StandardCharsets.ISO_8859_1);
            String marker = "name=\"" + field + "\"";
            for (String part : head.split("--" + java.util.regex.Pattern.quote(boundary))) {
                if (part.contains(marker) && !part.contains("filename=")) {
                    int start = part.indexOf("\r\n\r\n");
                    if (start < 0) {
                        continue;
                    }
                    String value = part.substring(start + 4);
                    int end = value.lastIndexOf("\r\n");
                    value = end >= 0 ? value.substring(0, end) : value;
                    return new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8).trim();
                }
            }
            return "";
        }
    }
}
