package io.oneapi.proxy.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopPoolTest {
    @Test
    void reusesOpenConnectionsDropsClosedOnesAndClosesOnClose() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            EventLoop loop = group.next();
            LoopPool pool = new LoopPool(loop, new Bootstrap().group(loop).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            // auto-read (the default) notices the upstream's close at once
                        }
                    }).remoteAddress(server.getLocalSocketAddress()));
            Channel first = onLoop(loop, () -> pool.acquire()).get(10, TimeUnit.SECONDS);
            Socket firstPeer = server.accept();
            onLoop(loop, () -> {
                pool.release(first);
                return null;
            });
            assertEquals(1, (int) onLoop(loop, pool::idleCount));
            assertSame(first, onLoop(loop, () -> pool.acquire()).get(10, TimeUnit.SECONDS), "reused");
            onLoop(loop, () -> {
                pool.release(first);
                return null;
            });

            firstPeer.close(); // the upstream drops the idle connection
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (onLoop(loop, pool::idleCount) != 0) {
                assertTrue(System.nanoTime() < deadline, "a connection closed by the upstream left the pool");
                Thread.sleep(10); // polling with a deadline
            }
            Channel second = onLoop(loop, () -> pool.acquire()).get(10, TimeUnit.SECONDS);
            server.accept().close();
            assertNotSame(first, second);

            pool.close();
            onLoop(loop, () -> {
                pool.release(second);
                return null;
            });
            assertTrue(second.closeFuture().await(10, TimeUnit.SECONDS), "released after close: closed");
            assertFalse(second.isOpen());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static <T> T onLoop(EventLoop loop, Callable<T> task) throws Exception {
        return loop.submit(task).get(10, TimeUnit.SECONDS);
    }
}
