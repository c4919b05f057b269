package io.oneapi.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;

/** Keep-alive client connections of the load generators, opened before any load starts. */
final class LoadConnections {
    private LoadConnections() {
    }

    /**
     * Connects and waits for the connection.
     *
     * @param aggregate whole responses ({@code FullHttpResponse}) rather than head and content pieces
     */
    static Channel connect(EventLoopGroup group, LoadTarget target, boolean aggregate, ChannelHandler handler) {
        return new Bootstrap()
                .group(group)
                .channel(io.oneapi.bench.net.Transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec());
                        if (aggregate) {
                            ch.pipeline().addLast(new HttpObjectAggregator(4 * 1024 * 1024));
                        }
                        ch.pipeline().addLast(handler);
                    }
                })
                .connect(target.host(), target.port()).syncUninterruptibly().channel();
    }
}
