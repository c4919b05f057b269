package io.oneapi.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;

/**
 * Where a load generator sends its chat requests ({@code http://127.0.0.1:<port>/v1/chat/completions}) and
 * the request itself, built once: each send writes a duplicate of one shared body.
 */
final class LoadTarget {
    private final URI uri;
    private final String bearer;
    private final ByteBuf body;

    /** @param key the gateway token without {@code sk-}, or empty for none */
    LoadTarget(String url, String key, byte[] body) {
        this.uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) || uri.getPort() < 0) {
            throw new IllegalArgumentException("--url: " + url + " (expected: http://127.0.0.1:<port>/<path>)");
        }
        this.bearer = key == null || key.isEmpty() ? null : "Bearer sk-" + key;
        this.body = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(body).asReadOnly());
    }

    String host() {
        return uri.getHost();
    }

    int port() {
        return uri.getPort();
    }

    FullHttpRequest request() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                uri.getRawPath(), body.duplicate());
        request.headers().set(HttpHeaderNames.HOST, uri.getHost() + ":" + uri.getPort());
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        if (bearer != null) {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, bearer);
        }
        HttpUtil.setContentLength(request, body.readableBytes());
        return request;
    }
}
