package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.Header;
import io.oneapi.spi.InlineImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A client request held in memory, with the images the core would have fetched for it. */
final class FixtureRequest implements ClientRequest {
    private final String path;
    private final byte[] body;
    private final Map<String, InlineImage> images;

    FixtureRequest(String path, String body, Map<String, InlineImage> images) {
        this.path = path;
        this.body = body.getBytes(StandardCharsets.UTF_8);
        this.images = Map.copyOf(images);
    }

    static FixtureRequest chat(String body) {
        return new FixtureRequest("/v1/chat/completions", body, Map.of());
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
        return name.equalsIgnoreCase("Content-Type") ? "application/json" : null;
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
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("request body is not valid JSON", e);
        }
    }

    @Override
    public Optional<InlineImage> inlineImage(String url) {
        return Optional.ofNullable(images.get(url));
    }
}
