package io.oneapi.spi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.Header;
import io.oneapi.spi.InlineImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client request held in memory, for plugin tests: what the core would hand an exchange, including the
 * images it would have fetched ({@link #inlineImage}). Like the core's, {@link #json()} parses the body once
 * and refuses a body that is not JSON or is empty; {@link #jsonCalls()} tells how often an exchange asked,
 * so pass-through tests can check that a forwarded body was never parsed.
 *
 * <p>Published in plugin-api's test-jar; plugin modules use it at test scope.
 */
public final class FixtureClientRequest implements ClientRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final String path;
    private final String query;
    private final List<Header> headers;
    private final byte[] body;
    private final Map<String, InlineImage> images;
    private JsonNode parsed;
    private int jsonCalls;

    private FixtureClientRequest(Builder builder) {
        this.method = builder.method;
        this.path = builder.path;
        this.query = builder.query;
        this.headers = List.copyOf(builder.headers);
        this.body = builder.body.clone();
        this.images = Map.copyOf(builder.images);
    }

    /** A POST to {@code path}, without headers or body until the builder adds them. */
    public static Builder post(String path) {
        return new Builder("POST", path);
    }

    /** A request with another method (a GET of a pass-through route, say). */
    public static Builder request(String method, String path) {
        return new Builder(method, path);
    }

    /** {@code POST /v1/chat/completions} with {@code json} as its body. */
    public static FixtureClientRequest chat(String json) {
        return post("/v1/chat/completions").json(json).build();
    }

    /** Builds a {@link FixtureClientRequest}; headers keep the order they were added in. */
    public static final class Builder {
        private final String method;
        private final String path;
        private String query = "";
        private final List<Header> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private final Map<String, InlineImage> images = new HashMap<>();

        private Builder(String method, String path) {
            this.method = method;
            this.path = path;
        }

        /** The raw query string, without {@code ?}. */
        public Builder query(String rawQuery) {
            this.query = rawQuery;
            return this;
        }

        public Builder header(String name, String value) {
            headers.add(new Header(name, value));
            return this;
        }

        public Builder body(byte[] bytes) {
            this.body = bytes.clone();
            return this;
        }

        /** A UTF-8 body, labelled {@code application/json} unless a {@code Content-Type} header was added. */
        public Builder json(String text) {
            this.body = text.getBytes(StandardCharsets.UTF_8);
            if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("Content-Type"))) {
                headers.add(new Header("Content-Type", "application/json"));
            }
            return this;
        }

        /** An image the core fetched for {@code url}. */
        public Builder image(String url, InlineImage image) {
            images.put(url, image);
            return this;
        }

        public FixtureClientRequest build() {
            return new FixtureClientRequest(this);
        }
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String query() {
        return query;
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
        jsonCalls++;
        if (parsed == null) {
            try {
                parsed = JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalArgumentException("request body is not valid JSON", e);
            }
            if (parsed == null || parsed.isMissingNode()) {
                throw new IllegalArgumentException("request body is empty");
            }
        }
        return parsed;
    }

    @Override
    public Optional<InlineImage> inlineImage(String url) {
        return Optional.ofNullable(images.get(url));
    }

    /** How often {@link #json()} was called. */
    public int jsonCalls() {
        return jsonCalls;
    }
}
