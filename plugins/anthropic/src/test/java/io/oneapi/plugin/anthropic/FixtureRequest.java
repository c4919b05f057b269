package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.Header;
import io.oneapi.spi.InlineImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client request from a fixture: {@code {"headers": [[name, value]...], "body": {...},
 * "images": {"url": {"mediaType": ..., "base64": ...}}}}; the images stand for what the core fetched.
 */
final class FixtureRequest implements ClientRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Header> headers = new ArrayList<>();
    private final JsonNode body;
    private final Map<String, InlineImage> images = new HashMap<>();

    FixtureRequest(JsonNode fixture) {
        fixture.path("headers").forEach(pair -> headers.add(new Header(pair.get(0).asText(), pair.get(1).asText())));
        body = fixture.path("body");
        fixture.path("images").properties().forEach(e -> images.put(e.getKey(), new InlineImage(
                e.getValue().path("mediaType").asText(), Base64.getDecoder().decode(e.getValue().path("base64").asText()))));
    }

    static FixtureRequest chat(String bodyJson) {
        try {
            return new FixtureRequest(JSON.createObjectNode().set("body", JSON.readTree(bodyJson)));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/v1/chat/completions";
    }

    @Override
    public String query() {
        return "";
    }

    @Override
    public String header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst()
                .orElse(null);
    }

    @Override
    public List<Header> headers() {
        return headers;
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] bodyBytes() {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public JsonNode json() {
        return body;
    }

    @Override
    public Optional<InlineImage> inlineImage(String url) {
        return Optional.ofNullable(images.get(url));
    }
}
