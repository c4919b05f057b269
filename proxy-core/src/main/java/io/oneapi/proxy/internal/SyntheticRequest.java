package io.oneapi.proxy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.Header;
import java.util.List;

/** A JSON request the gateway makes up itself (channel tests), shaped like a client's. */
final class SyntheticRequest implements ClientRequest {
    private final String path;
    private final JsonNode json;
    private final byte[] body;

    SyntheticRequest(String path, JsonNode json, byte[] body) {
        this.path = path;
        this.json = json;
        this.body = body;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String query() {
        return "";
    }

    @Override
    public String header(String name) {
        return "content-type".equalsIgnoreCase(name) ? "application/json" : null;
    }

    @Override
    public List<Header> headers() {
        return List.of(new Header("Content-Type", "application/json"));
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
        return json;
    }
}
