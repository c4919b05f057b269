package io.oneapi.proxy;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.oneapi.proxy.client.RequestGauge;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Open client connections and running requests, for a graceful stop. */
final class ConnectionTracker implements RequestGauge {
    private final ChannelGroup channels = new DefaultChannelGroup("oneapi-clients", GlobalEventExecutor.INSTANCE);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int busy;

    @Override
    public void connectionOpened(Channel channel) {
        channels.add(channel);
    }

    @Override
    public void requestStarted() {
        lock.lock();
        try {
            busy++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void requestFinished() {
        lock.lock();
        try {
            busy--;
            if (busy <= 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    int busy() {
        lock.lock();
        try {
            return busy;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no request runs, or the timeout passes; true when idle. */
    boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (busy > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.await(left, TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    void closeAll() {
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
