package io.oneapi.proxy.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.Header;
import io.oneapi.spi.InlineImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SPI's view of the client's request. The JSON tree is parsed on first use and cached, so a
 * pass-through adapter costs no parse. The body buffer stays owned by the relay flow.
 */
final class ClientRequestView implements ClientRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final String path;
    private final String query;
    private final List<Header> headers;
    private final String contentType;
    private final ByteBuf body;
    private JsonNode json;
    private Map<String, InlineImage> images;

    ClientRequestView(FullHttpRequest request, String path, String query, ByteBuf body) {
        this.method = request.method().name();
        this.path = path;
        this.query = query;
        List<Header> list = new ArrayList<>(request.headers().size());
        for (Map.Entry<String, String> e : request.headers()) {
            list.add(new Header(e.getKey(), e.getValue()));
        }
        this.headers = List.copyOf(list);
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        this.contentType = type == null ? "" : type;
        this.body = body;
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
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    @Override
    public List<Header> headers() {
        return headers;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public byte[] bodyBytes() {
        return ByteBufUtil.getBytes(body);
    }

    @Override
    public JsonNode json() {
        if (json == null) {
            try {
                json = JSON.readTree((java.io.InputStream) new ByteBufInputStream(body.duplicate()));
            } catch (IOException e) {
                throw new IllegalArgumentException("request body is not valid JSON: " + e.getMessage(), e);
            }
            if (json == null || json.isMissingNode()) {
                throw new IllegalArgumentException("request body is empty");
            }
        }
        return json;
    }

    /** Images the core fetched for this request (see {@code NeedsInlineImages}), by their URL. */
    void offerImages(Map<String, InlineImage> fetched) {
        images = Map.copyOf(fetched);
    }

    boolean imagesFetched() {
        return images != null;
    }

    @Override
    public Optional<InlineImage> inlineImage(String url) {
        return images == null ? Optional.empty() : Optional.ofNullable(images.get(url));
    }
}
