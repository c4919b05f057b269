package io.oneapi.proxy.credential;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpResponse;
import io.oneapi.proxy.upstream.CollectingListener;
import io.oneapi.proxy.upstream.UpstreamCall;
import io.oneapi.proxy.upstream.UpstreamConnector;
import io.oneapi.spi.UpstreamRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Token calls through the relay's own upstream connector, so they get the relayed requests' TLS checks and
 * {@code RELAY_PROXY} (http, https and socks5, with credentials). The call runs on a relay event loop; the caller,
 * on the blocking executor, waits for its answer. Redirects are not followed (a token endpoint has no business
 * redirecting a signed assertion) and answers are capped at 1 MiB.
 */
final class RelayTokenEndpoint implements TokenEndpoint {
    static final int MAX_ANSWER_BYTES = 1 << 20;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final UpstreamConnector connector;
    private final EventLoopGroup loops;

    RelayTokenEndpoint(UpstreamConnector connector, EventLoopGroup loops) {
        this.connector = connector;
        this.loops = loops;
    }

    @Override
    public Answer send(UpstreamRequest request) throws IOException, InterruptedException {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        EventLoop loop = loops.next();
        ByteBuf body = request.body() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(request.body());
        loop.execute(() -> UpstreamCall.start(connector, loop, request.url(), request.method(), request.headers(),
                body, ANSWER_TIMEOUT, new CollectingListener(ByteBufAllocator.DEFAULT, MAX_ANSWER_BYTES,
                        new CollectingListener.Receiver() {
                            @Override
                            public void completed(HttpResponse head, ByteBuf content) {
                                try {
                                    answer.complete(new Answer(head.status().code(), ByteBufUtil.getBytes(content)));
                                } finally {
                                    content.release();
                                }
                            }

                            @Override
                            public void failed(Throwable cause) {
                                answer.completeExceptionally(cause);
                            }
                        })));
        try {
            // The call's own timeout ends it first; this only guards against a call that never reports.
            return answer.get(ANSWER_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IOException("the token endpoint did not answer in time", e);
        }
    }
}
