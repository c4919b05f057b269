package io.oneapi.proxy.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.function.Supplier;
import io.netty.channel.ChannelHandler;
import java.util.concurrent.TimeUnit;

/**
 * The client-side pipeline, in order. This is the one place that names every handler:
 * <ol>
 *   <li>{@code idle}: closes connections idle between requests (the relay handler decides);</li>
 *   <li>{@code http}: HTTP/1.1 codec;</li>
 *   <li>{@code inflate}: gunzips request bodies sent with {@code Content-Encoding: gzip};</li>
 *   <li>{@code aggregate}: whole request bodies, bounded, with an OpenAI-format 413;</li>
 *   <li>{@code errors}: turns codec failures into a 400 before the connection closes;</li>
 *   <li>{@code relay}: routes, authenticates and relays.</li>
 * </ol>
 */
public final class RelayChannelInitializer extends ChannelInitializer<SocketChannel> {
    public static final String IDLE = "idle";
    public static final String HTTP = "http";
    public static final String INFLATE = "inflate";
    public static final String AGGREGATE = "aggregate";
    public static final String ERRORS = "errors";
    public static final String RELAY = "relay";

    private final int maxRequestBytes;
    private final long idleSeconds;
    private final Supplier<ChannelHandler> relayHandlers;

    public RelayChannelInitializer(int maxRequestBytes, long idleSeconds, Supplier<ChannelHandler> relayHandlers) {
        this.maxRequestBytes = maxRequestBytes;
        this.idleSeconds = idleSeconds;
        this.relayHandlers = relayHandlers;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        configure(ch.pipeline());
    }

    /** Adds the handlers in order; separate from {@link #initChannel} so tests can build it on any channel. */
    void configure(ChannelPipeline p) {
        p.addLast(IDLE, new IdleStateHandler(idleSeconds, 0, 0, TimeUnit.SECONDS));
        p.addLast(HTTP, new HttpServerCodec(8192, 32 * 1024, 64 * 1024));
        p.addLast(INFLATE, new HttpContentDecompressor(0));
        p.addLast(AGGREGATE, new RequestAggregator(maxRequestBytes));
        p.addLast(ERRORS, new CodecErrorHandler());
        p.addLast(RELAY, relayHandlers.get());
    }
}
