package io.oneapi.storage.redis;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.redisson.Redisson;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.StatusListener;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.connection.ConnectionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redisson client and the subscription to one pub/sub channel. Connects at start-up; when Redis cannot be
 * reached then, keeps trying in the background every {@value #RETRY_SECONDS} s. Once connected, Redisson itself
 * reconnects and resubscribes after Redis comes back; every (re)subscription runs {@code onSubscribed}, which lets
 * the owner catch up on messages it may have missed.
 *
 * <p>Availability follows Redisson's connection events (a connection that stops answering is closed by its
 * ping) and is logged once per change: one warning when Redis goes away however many connections drop, one line
 * when it is back. Failed commands do not count: their retries may end after Redis already came back.
 */
final class RedisLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);
    static final int RETRY_SECONDS = 5;

    private enum State { CONNECTING, UP, DOWN }

    private final Config config;
    private final String channel;
    private final ScheduledExecutorService scheduler;
    private final Consumer<String> onMessage;
    private final Runnable onSubscribed;
    private final Duration pollPeriod;
    private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);
    private volatile RedissonClient client;
    private volatile RTopic topic;
    private volatile boolean closed;

    /**
     * @param pollPeriod how often caches re-read the database anyway; only named in log lines
     */
    RedisLink(Config config, String channel, ScheduledExecutorService scheduler, Consumer<String> onMessage,
              Runnable onSubscribed, Duration pollPeriod) {
        this.config = new Config(config);
        this.channel = channel;
        this.scheduler = scheduler;
        this.onMessage = onMessage;
        this.onSubscribed = onSubscribed;
        this.pollPeriod = pollPeriod;
        this.config.setConnectionListener(new Availability());
    }

    /** Tries once on the calling thread; on failure logs it and retries in the background. */
    void start() {
        if (!connect()) {
            scheduleRetry();
        }
    }

    /** The client, or null while not (yet) connected. */
    RedissonClient client() {
        return client;
    }

    /** The subscribed channel, or null while not (yet) connected. */
    RTopic topic() {
        return topic;
    }

    private boolean connect() {
        RedissonClient created = null;
        try {
            created = Redisson.create(config);
            RTopic subscribed = created.getTopic(channel, StringCodec.INSTANCE);
            subscribed.addListener(new StatusListener() {
                @Override
                public void onSubscribe(String name) {
                    up();
                    onSubscribed.run();
                }

                @Override
                public void onUnsubscribe(String name) {
                    // only on close
                }
            });
            subscribed.addListener(String.class, (name, message) -> onMessage.accept(message));
            if (closed) {
                created.shutdown();
                return true;
            }
            client = created;
            topic = subscribed;
            return true;
        } catch (RuntimeException e) {
            if (created != null) {
                created.shutdown();
            }
            if (state.get() == State.CONNECTING) {
                state.set(State.DOWN);
                log.warn("Redis unreachable at start-up ({}); retrying every {} s. Until then changes reach other "
                        + "nodes by polling every {} s", e.getMessage(), RETRY_SECONDS, pollPeriod.toSeconds());
            }
            return false;
        }
    }

    private void scheduleRetry() {
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(() -> {
                if (!connect()) {
                    scheduleRetry();
                }
            }, RETRY_SECONDS, TimeUnit.SECONDS);
        } catch (RuntimeException shutDown) {
            // closing
        }
    }

    private void up() {
        State before = state.getAndSet(State.UP);
        if (before == State.CONNECTING) {
            log.info("Redis connected: changes reach the other nodes through pub/sub channel {}", channel);
        } else if (before == State.DOWN) {
            log.info("Redis reachable again: changes reach the other nodes through pub/sub channel {}", channel);
        }
    }

    private void down(String reason) {
        if (state.compareAndSet(State.UP, State.DOWN)) {
            log.warn("Redis unreachable ({}): serving from the database and memory; changes reach other nodes by "
                    + "polling every {} s until Redis is back", reason, pollPeriod.toSeconds());
        }
    }

    @Override
    public void close() {
        closed = true;
        RedissonClient running = client;
        if (running != null) {
            running.shutdown();
        }
    }

    /** Redisson's per-connection events; several connections may drop for one outage, the state logs once. */
    @SuppressWarnings("deprecation") // the address-only variants are the abstract ones in Redisson 4.7
    private final class Availability implements ConnectionListener {
        @Override
        public void onConnect(InetSocketAddress address) {
            up();
        }

        @Override
        public void onDisconnect(InetSocketAddress address) {
            if (!closed) {
                down("connection to " + address + " lost");
            }
        }
    }
}
