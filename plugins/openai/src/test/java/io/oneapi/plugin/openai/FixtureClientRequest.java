package io.oneapi.plugin.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.Header;
import java.io.IOException;
import java.util.List;

/** A client request held in memory, counting how often an exchange asks for the parsed body. */
final class FixtureClientRequest implements ClientRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final String path;
    private final String query;
    private final List<Header> headers;
    private final byte[] body;
    private JsonNode parsed;
    private int jsonCalls;

    FixtureClientRequest(String method, String path, String query, List<Header> headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = List.copyOf(headers);
        this.body = body.clone();
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

    int jsonCalls() {
        return jsonCalls;
    }
}
