package io.oneapi.plugin.assorted.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.Header;
import io.oneapi.spi.InlineImage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A client request held in memory, with the images the core would have fetched for it. */
final class FixtureClientRequest implements ClientRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String path;
    private final List<Header> headers;
    private final byte[] body;
    private final Map<String, InlineImage> images;

    FixtureClientRequest(String path, List<Header> headers, byte[] body, Map<String, InlineImage> images) {
        this.path = path;
        this.headers = List.copyOf(headers);
        this.body = body.clone();
        this.images = Map.copyOf(images);
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
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst()
                .orElse(null);
    }

    @Override
    public List<Header> headers() {
        return headers;
    }

    @Override
    public String contentType() {
        String value = header("Content-Type");
        return value == null ? "" : value;
    }

    @Override
    public byte[] bodyBytes() {
        return body.clone();
    }

    @Override
    public JsonNode json() {
        try {
            JsonNode parsed = JSON.readTree(body);
            if (parsed == null || parsed.isMissingNode()) {
                throw new IllegalArgumentException("request body is empty");
            }
            return parsed;
        } catch (IOException e) {
            throw new IllegalArgumentException("request body is not valid JSON", e);
        }
    }

    @Override
    public Optional<InlineImage> inlineImage(String url) {
        return Optional.ofNullable(images.get(url));
    }
}
