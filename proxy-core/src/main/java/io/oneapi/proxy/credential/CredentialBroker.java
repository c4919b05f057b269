package io.oneapi.proxy.credential;

import io.netty.channel.EventLoopGroup;
import io.oneapi.proxy.upstream.UpstreamConnector;
import io.oneapi.spi.AccessToken;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.NeedsCredential;
import io.oneapi.spi.UpstreamRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obtains and caches the access tokens of exchanges that need one ({@link NeedsCredential}: Vertex AI's
 * service-account OAuth, later Baidu's and others). One token per provider channel, reused until shortly
 * before it expires (a fifth of its lifetime, at most five minutes, early) and refetched at once when the
 * channel's secret changes (its credential key differs). Token calls run on the blocking executor, never on
 * an event loop, and at most one runs per channel and key: requests arriving meanwhile wait for it.
 */
public final class CredentialBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialBroker.class);
    private static final Duration MAX_EARLY_REFRESH = Duration.ofMinutes(5);

    private final Executor blocking;
    private final TokenEndpoint endpoint;
    private final LongSupplier nanoTime;
    private final Map<Integer, Cached> cache = new ConcurrentHashMap<>();
    private final Map<Flight, CompletableFuture<AccessToken>> inFlight = new ConcurrentHashMap<>();

    private record Cached(String key, AccessToken token, long refreshAtNanos) {
    }

    private record Flight(int channelId, String key) {
    }

    CredentialBroker(Executor blocking, TokenEndpoint endpoint, LongSupplier nanoTime) {
        this.blocking = blocking;
        this.endpoint = endpoint;
        this.nanoTime = nanoTime;
    }

    /** A broker calling token endpoints through the relay's upstream connector and event loops. */
    public static CredentialBroker create(Executor blocking, UpstreamConnector upstream, EventLoopGroup loops) {
        return new CredentialBroker(blocking, new RelayTokenEndpoint(upstream, loops), System::nanoTime);
    }

    /**
     * Gives {@code exchange} its token. From the cache it happens at once and this returns true. Otherwise
     * the token is fetched, this returns false, and later, on {@code loop}, either {@code resume} receives
     * the token (already cached, so a retried attempt finds it) or {@code fail} the reason.
     */
    public boolean supply(int channelId, NeedsCredential exchange, Executor loop, Consumer<AccessToken> resume,
                          Consumer<CredentialFailure> fail) {
        String key = exchange.credentialKey();
        Cached cached = cache.get(channelId);
        if (cached != null && cached.key().equals(key) && nanoTime.getAsLong() - cached.refreshAtNanos() < 0) {
            exchange.useCredential(cached.token());
            return true;
        }
        fetch(new Flight(channelId, key), exchange).whenComplete((token, failure) -> loop.execute(() -> {
            if (failure == null) {
                resume.accept(token);
            } else {
                fail.accept(CredentialFailure.unwrap(failure));
            }
        }));
        return false;
    }

    /** Drops the channel's token, e.g. after the upstream rejected it. */
    public void forget(int channelId) {
        cache.remove(channelId);
    }

    private CompletableFuture<AccessToken> fetch(Flight flight, NeedsCredential exchange) {
        CompletableFuture<AccessToken> mine = new CompletableFuture<>();
        CompletableFuture<AccessToken> running = inFlight.putIfAbsent(flight, mine);
        if (running != null) {
            return running;
        }
        try {
            blocking.execute(() -> {
                AccessToken token = null;
                RuntimeException failure = null;
                try {
                    token = exchangeBlocking(flight, exchange);
                } catch (CredentialFailure e) {
                    LOG.warn("No access token for channel #{}: {}", flight.channelId(), e.getMessage());
                    failure = e;
                } catch (RuntimeException e) {
                    LOG.error("Obtaining an access token for channel #{} failed", flight.channelId(), e);
                    failure = e;
                }
                // Leave the flight before anyone hears the outcome, so nobody joins a finished one.
                inFlight.remove(flight, mine);
                if (failure == null) {
                    mine.complete(token);
                } else {
                    mine.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(flight, mine);
            mine.completeExceptionally(new CredentialFailure(ErrorKind.UNAVAILABLE, 503,
                    "gateway_overloaded", "The gateway is overloaded; retry shortly."));
        }
        return mine;
    }

    /** Runs on the blocking executor. Caches the token before anyone is told about it. */
    private AccessToken exchangeBlocking(Flight flight, NeedsCredential exchange) {
        UpstreamRequest request;
        try {
            request = exchange.credentialRequest();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw CredentialFailure.refused("The channel's credential cannot be used: " + e.getMessage());
        }
        long sentAt = nanoTime.getAsLong();
        TokenEndpoint.Answer answer;
        try {
            answer = endpoint.send(request);
        } catch (IllegalArgumentException e) {
            throw CredentialFailure.refused("The channel's token endpoint is not a usable URL");
        } catch (IOException e) {
            throw CredentialFailure.unavailable("The token endpoint could not be reached: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CredentialFailure.unavailable("Interrupted while asking the token endpoint");
        }
        if (answer.status() < 200 || answer.status() >= 300) {
            throw CredentialFailure.forStatus(answer.status(), TokenErrors.detail(answer.body()));
        }
        AccessToken token;
        try {
            token = exchange.parseCredential(answer.body());
        } catch (IllegalArgumentException e) {
            throw CredentialFailure.unavailable("The token endpoint's answer holds no token: " + e.getMessage());
        }
        Duration early = token.validFor().dividedBy(5);
        Duration reuse = token.validFor().minus(early.compareTo(MAX_EARLY_REFRESH) > 0 ? MAX_EARLY_REFRESH : early);
        cache.put(flight.channelId(), new Cached(flight.key(), token, sentAt + reuse.toNanos()));
        LOG.info("Obtained an access token for channel #{}, reused for {}", flight.channelId(), reuse);
        return token;
    }

    @Override
    public void close() {
        if (endpoint instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Closing the token endpoint client failed", e);
            }
        }
    }
}
