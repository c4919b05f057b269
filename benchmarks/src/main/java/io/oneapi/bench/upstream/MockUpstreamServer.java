package io.oneapi.bench.upstream;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.oneapi.bench.net.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A fast, stateless OpenAI upstream on loopback for benchmarks: {@code POST .../chat/completions} answers
 * the fixed chat completion of {@code ChatFixtures}, or its SSE stream when the body asks for
 * {@code "stream":true}, one write every {@code chunkDelay}. Unlike the test harness's {@code MockUpstream}
 * it records nothing (a long run would otherwise grow without bound) and serves pre-encoded bytes, so it
 * costs as little as possible next to what it is compared with.
 */
public final class MockUpstreamServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel server;
    private final MockResponses responses;

    private MockUpstreamServer(EventLoopGroup group, Channel server, MockResponses responses) {
        this.group = group;
        this.server = server;
        this.responses = responses;
    }

    /**
     * @param port 0 for a free port
     * @param threads event loop threads
     * @param chunkDelay pause between stream writes; zero writes them back to back
     */
    public static MockUpstreamServer start(int port, int threads, Duration chunkDelay) {
        EventLoopGroup group = Transport.group(threads, "mock-upstream");
        MockResponses responses = new MockResponses();
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(Transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 8192)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1024 * 1024),
                                    new MockUpstreamHandler(responses, chunkDelay));
                        }
                    })
                    .bind("127.0.0.1", port).syncUninterruptibly().channel();
            return new MockUpstreamServer(group, server, responses);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            responses.close();
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        responses.close(); // no loop can write them any more
    }
}
