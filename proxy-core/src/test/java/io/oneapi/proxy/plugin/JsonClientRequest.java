package io.oneapi.proxy.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.Header;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A JSON POST as the core would hand it to an exchange. */
record JsonClientRequest(String path, String body) implements ClientRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        return body.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }
}
