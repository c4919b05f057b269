package io.oneapi.proxy.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An error in the OpenAI envelope {@code {"error":{"message","type","param","code"}}} with the HTTP status
 * it goes out with. Gateway errors use type {@code one_api_error} and a stable snake_case code.
 */
public record OpenAiError(int status, String message, String type, String param, String code) {
    private static final JsonFactory JSON = new JsonFactory();

    public static OpenAiError gateway(int status, String code, String message) {
        return new OpenAiError(status, message, "one_api_error", "", code);
    }

    public static OpenAiError invalidRequest(int status, String code, String message) {
        return new OpenAiError(status, message, "invalid_request_error", "", code);
    }

    /** The same error with the request id appended to the message, as One API does. */
    public OpenAiError withRequestId(String requestId) {
        return new OpenAiError(status, message + " (request id: " + requestId + ")", type, param, code);
    }

    public OpenAiError withStatus(int newStatus) {
        return new OpenAiError(newStatus, message, type, param, code);
    }

    public OpenAiError withMessage(String newMessage) {
        return new OpenAiError(status, newMessage, type, param, code);
    }

    /** The JSON body. */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + message.length());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("error");
            json.writeStringField("message", message);
            json.writeStringField("type", type);
            json.writeStringField("param", param == null ? "" : param);
            if (code == null) {
                json.writeNullField("code");
            } else {
                json.writeStringField("code", code);
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
