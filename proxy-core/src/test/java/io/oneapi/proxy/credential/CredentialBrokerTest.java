package io.oneapi.proxy.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.spi.AccessToken;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.NeedsCredential;
import io.oneapi.spi.UpstreamRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Caching, expiry, single flight and failure mapping of token exchanges, with a scripted token endpoint. */
class CredentialBrokerTest {
    private final ExecutorService blocking = Executors.newFixedThreadPool(4);
    private final ExecutorService loop = Executors.newSingleThreadExecutor();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ScriptedEndpoint endpoint = new ScriptedEndpoint();
    private final CredentialBroker broker = new CredentialBroker(blocking, endpoint, now::get);

    @AfterEach
    void stop() {
        blocking.shutdownNow();
        loop.shutdownNow();
    }

    /** A token endpoint that answers from a script and counts calls; {@code gate} can hold answers back. */
    static final class ScriptedEndpoint implements TokenEndpoint {
        final AtomicInteger calls = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile Answer answer = ok("tok-1", 3600);
        volatile IOException failure;

        static Answer ok(String token, long seconds) {
            return new Answer(200, ("{\"access_token\":\"" + token + "\",\"expires_in\":" + seconds + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Answer send(UpstreamRequest request) throws IOException, InterruptedException {
            calls.incrementAndGet();
            assertTrue(gate.await(10, TimeUnit.SECONDS), "gate never opened");
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    }

    /** An exchange needing a token, parsing the scripted JSON answers. */
    static final class Needy implements NeedsCredential {
        final String key;
        RuntimeException requestProblem;
        final List<AccessToken> received = new ArrayList<>();

        Needy(String key) {
            this.key = key;
        }

        @Override
        public String credentialKey() {
            return key;
        }

        @Override
        public UpstreamRequest credentialRequest() {
            if (requestProblem != null) {
                throw requestProblem;
            }
            return UpstreamRequest.builder("POST", "https://token.example/token").body(new byte[] {'x'}).build();
        }

        @Override
        public AccessToken parseCredential(byte[] body) {
            String text = new String(body, StandardCharsets.UTF_8);
            int start = text.indexOf("\"access_token\":\"");
            if (start < 0) {
                throw new IllegalArgumentException("no access_token");
            }
            String token = text.substring(start + 16, text.indexOf('"', start + 16));
            long seconds = Long.parseLong(text.replaceAll(".*\"expires_in\":(\\d+).*", "$1"));
            return new AccessToken(token, Duration.ofSeconds(seconds));
        }

        @Override
        public void useCredential(AccessToken token) {
            received.add(token);
        }
    }

    /** What one supply call led to: the token now (cached), later, or a failure. */
    private record Outcome(boolean immediate, CompletableFuture<AccessToken> later,
                           CompletableFuture<CredentialFailure> failed) {
        AccessToken token() throws Exception {
            return later.get(10, TimeUnit.SECONDS);
        }

        CredentialFailure failure() throws Exception {
            return failed.get(10, TimeUnit.SECONDS);
        }
    }

    private Outcome supply(int channel, Needy exchange) {
        CompletableFuture<AccessToken> later = new CompletableFuture<>();
        CompletableFuture<CredentialFailure> failed = new CompletableFuture<>();
        boolean immediate = broker.supply(channel, exchange, loop, later::complete, failed::complete);
        return new Outcome(immediate, later, failed);
    }

    @Test
    void fetchesOnceThenServesTheCachedTokenAtOnce() throws Exception {
        Outcome first = supply(1, new Needy("k"));
        assertFalse(first.immediate());
        assertEquals("tok-1", first.token().value());

        Needy second = new Needy("k");
        assertTrue(supply(1, second).immediate());
        assertEquals("tok-1", second.received.get(0).value());
        assertEquals(1, endpoint.calls.get());
    }

    @Test
    void refreshesAFifthOfTheLifetimeEarlyButAtMostFiveMinutes() throws Exception {
        supply(1, new Needy("k")).token();
        now.addAndGet(Duration.ofMinutes(54).toNanos());
        assertTrue(supply(1, new Needy("k")).immediate(), "an hour's token is reused for 55 minutes");
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        endpoint.answer = ScriptedEndpoint.ok("tok-2", 10);
        Outcome refetched = supply(1, new Needy("k"));
        assertFalse(refetched.immediate());
        assertEquals("tok-2", refetched.token().value());

        now.addAndGet(Duration.ofSeconds(7).toNanos());
        assertTrue(supply(1, new Needy("k")).immediate(), "a 10 s token is reused for 8 s");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        Outcome expired = supply(1, new Needy("k"));
        assertFalse(expired.immediate());
        expired.token();
        assertEquals(3, endpoint.calls.get());
    }

    @Test
    void aChangedSecretOrAForgottenChannelMeansANewToken() throws Exception {
        supply(1, new Needy("k")).token();
        endpoint.answer = ScriptedEndpoint.ok("tok-new-key", 3600);
        assertEquals("tok-new-key", supply(1, new Needy("other-key")).token().value());
        assertTrue(supply(1, new Needy("other-key")).immediate());

        broker.forget(1);
        Outcome forgotten = supply(1, new Needy("other-key"));
        assertFalse(forgotten.immediate());
        forgotten.token();
        Outcome otherChannel = supply(2, new Needy("other-key"));
        assertFalse(otherChannel.immediate(), "channels do not share tokens");
        otherChannel.token();
        assertEquals(4, endpoint.calls.get());
    }

    @Test
    void concurrentRequestsShareOneTokenCall() throws Exception {
        endpoint.gate = new CountDownLatch(1);
        List<Outcome> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(supply(3, new Needy("k")));
        }
        endpoint.gate.countDown();
        AccessToken first = waiting.get(0).token();
        for (Outcome outcome : waiting) {
            assertFalse(outcome.immediate());
            assertSame(first, outcome.token());
        }
        assertEquals(1, endpoint.calls.get());
    }

    @Test
    void refusalsAreAuthFailuresWithTheEndpointsReasonAndAreNotCached() throws Exception {
        endpoint.answer = new TokenEndpoint.Answer(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"
                .getBytes(StandardCharsets.UTF_8));
        CredentialFailure failure = supply(1, new Needy("k")).failure();
        assertEquals(ErrorKind.AUTH_FAILED, failure.kind());
        assertEquals("The token endpoint answered 400: invalid_grant: Invalid JWT Signature.", failure.getMessage());
        assertEquals(502, failure.error().status(), "the client's request was fine: never a 4xx of its own");
        assertEquals("credential_refused", failure.error().code());

        endpoint.answer = ScriptedEndpoint.ok("tok-ok", 3600);
        assertEquals("tok-ok", supply(1, new Needy("k")).token().value());
    }

    @Test
    void otherFailuresAreClassified() throws Exception {
        endpoint.answer = new TokenEndpoint.Answer(503, "<html>down</html>".getBytes(StandardCharsets.UTF_8));
        assertEquals(ErrorKind.UNAVAILABLE, supply(1, new Needy("k")).failure().kind());

        endpoint.answer = new TokenEndpoint.Answer(429, "{\"error\":{\"message\":\"Quota exceeded\"}}"
                .getBytes(StandardCharsets.UTF_8));
        CredentialFailure limited = supply(1, new Needy("k")).failure();
        assertEquals(ErrorKind.RATE_LIMITED, limited.kind());
        assertEquals("The token endpoint answered 429: Quota exceeded", limited.getMessage());
        assertEquals(429, limited.error().status());

        endpoint.answer = new TokenEndpoint.Answer(200, "{\"token_type\":\"Bearer\"}".getBytes(StandardCharsets.UTF_8));
        CredentialFailure empty = supply(1, new Needy("k")).failure();
        assertEquals(ErrorKind.UNAVAILABLE, empty.kind());
        assertEquals("The token endpoint's answer holds no token: no access_token", empty.getMessage());

        endpoint.failure = new IOException("Connection refused");
        CredentialFailure unreachable = supply(1, new Needy("k")).failure();
        assertEquals(ErrorKind.UNAVAILABLE, unreachable.kind());
        assertEquals("The token endpoint could not be reached: Connection refused", unreachable.getMessage());
    }

    @Test
    void anUnusableSecretIsADeadKeyAndNeverReachesTheEndpoint() throws Exception {
        Needy broken = new Needy("k");
        broken.requestProblem = new IllegalStateException("the private key cannot be read as an RSA PKCS#8 key");
        CredentialFailure failure = supply(1, broken).failure();
        assertEquals(ErrorKind.AUTH_FAILED, failure.kind());
        assertEquals("The channel's credential cannot be used: the private key cannot be read as an RSA PKCS#8 key",
                failure.getMessage());
        assertEquals(0, endpoint.calls.get());
    }

    @Test
    void aFullBlockingExecutorRefusesWithoutBlocking() throws Exception {
        CredentialBroker full = new CredentialBroker(task -> {
            throw new RejectedExecutionException("full");
        }, endpoint, now::get);
        CompletableFuture<CredentialFailure> failed = new CompletableFuture<>();
        assertFalse(full.supply(1, new Needy("k"), Runnable::run, token -> { }, failed::complete));
        CredentialFailure failure = failed.get(1, TimeUnit.SECONDS);
        assertEquals(503, failure.error().status());
        assertEquals("gateway_overloaded", failure.error().code());
        assertEquals(0, endpoint.calls.get());
    }

    @Test
    void tokenErrorDetailsAreShortAndNeverTheRawBody() {
        assertEquals("", TokenErrors.detail("not json".getBytes(StandardCharsets.UTF_8)));
        assertEquals("", TokenErrors.detail(new byte[0]));
        assertEquals("invalid_client", TokenErrors.detail("{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8)));
        String longMessage = "{\"error\":{\"message\":\"" + "x".repeat(500) + "\"}}";
        assertEquals(203, TokenErrors.detail(longMessage.getBytes(StandardCharsets.UTF_8)).length());
    }
}
