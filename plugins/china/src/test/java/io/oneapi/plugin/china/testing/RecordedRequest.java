package io.oneapi.plugin.china.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.Header;
import java.io.IOException;
import java.util.List;

/** A client request as the core would hand it to an exchange: a path and a JSON body. */
public record RecordedRequest(String path, byte[] body) implements ClientRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static RecordedRequest of(String path, String body) {
        return new RecordedRequest(path, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String query() {
        return "";
    }

    @Override
    public String header(String name) {
        return name.equalsIgnoreCase("Content-Type") ? contentType() : null;
    }

    @Override
    public List<Header> headers() {
        return List.of(new Header("Content-Type", contentType()));
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] bodyBytes() {
        return body.clone();
    }

    @Override
    public JsonNode json() {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("request body is empty");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("request body is not valid JSON", e);
        }
    }
}
