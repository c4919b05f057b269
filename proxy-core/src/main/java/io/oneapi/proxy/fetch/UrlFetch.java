package io.oneapi.proxy.fetch;

import io.oneapi.spi.InlineImage;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One image URL through its redirect chain. Every hop is resolved on the blocking executor, every
 * resolved address is vetted, and the connection goes to the vetted address; the I/O itself runs on an
 * event loop, so no thread waits for a slow image host.
 */
final class UrlFetch {
    private final String url;
    private final HopClient client;
    private final Executor blocking;
    private final HostResolver resolver;
    private final FetchPolicy policy;
    private final AtomicLong budget;
    private final long deadlineNanos;
    private final CompletableFuture<InlineImage> result = new CompletableFuture<>();
    private volatile OneHop current;
    private int redirects;

    UrlFetch(String url, HopClient client, Executor blocking, HostResolver resolver, FetchPolicy policy,
             AtomicLong budget) {
        this.url = url;
        this.client = client;
        this.blocking = blocking;
        this.resolver = resolver;
        this.policy = policy;
        this.budget = budget;
        this.deadlineNanos = System.nanoTime() + policy.timeout().toNanos();
    }

    String url() {
        return url;
    }

    CompletableFuture<InlineImage> result() {
        return result;
    }

    void start() {
        submit(url);
    }

    /** Stops the fetch (another image of the request failed); its connection, if any, closes. */
    void cancel() {
        fail("cancelled");
        OneHop hop = current;
        if (hop != null) {
            hop.cancel();
        }
    }

    private void submit(String target) {
        try {
            blocking.execute(() -> hop(target));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(ImageFetchException.busy());
        }
    }

    /** Runs on the blocking executor: parse, resolve, vet, connect. */
    private void hop(String target) {
        if (result.isDone()) {
            return;
        }
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            fail("the URL is not valid");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            fail("only http and https URLs can be fetched");
            return;
        }
        if (uri.getHost() == null || uri.getHost().isEmpty() || uri.getRawUserInfo() != null) {
            fail("the URL is not valid");
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException | RuntimeException e) {
            fail("the image host could not be resolved");
            return;
        }
        if (addresses.length == 0) {
            fail("the image host could not be resolved");
            return;
        }
        boolean tls = "https".equalsIgnoreCase(scheme);
        boolean loopbackAllowed = policy.loopbackPortsForTests().contains(
                uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80));
        for (InetAddress address : addresses) {
            // One forbidden answer refuses the host: DNS may hand out the addresses in any order.
            if (!AddressRules.allowed(address, loopbackAllowed)) {
                fail("the image host resolves to a private, loopback or otherwise reserved address");
                return;
            }
        }
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            fail("the image host did not answer in time");
            return;
        }
        OneHop hop = client.get(url, uri, addresses[0], Duration.ofNanos(remaining), policy, budget);
        current = hop;
        if (result.isDone()) {
            hop.cancel();
        }
        hop.result().whenComplete((outcome, failure) -> onHop(uri, outcome, failure));
    }

    private void onHop(URI from, OneHop.Outcome outcome, Throwable failure) {
        if (failure != null) {
            result.completeExceptionally(failure);
        } else if (outcome instanceof OneHop.Body body) {
            result.complete(new InlineImage(body.mediaType(), body.bytes()));
        } else if (outcome instanceof OneHop.Redirect redirect) {
            if (++redirects > policy.maxRedirects()) {
                fail("more than " + policy.maxRedirects() + " redirects");
                return;
            }
            String next;
            try {
                next = from.resolve(new URI(redirect.location())).toString();
            } catch (URISyntaxException | IllegalArgumentException e) {
                fail("the image host redirected to an invalid URL");
                return;
            }
            submit(next);
        }
    }

    private void fail(String reason) {
        result.completeExceptionally(ImageFetchException.about(url, reason));
    }

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;

        HostResolver SYSTEM = InetAddress::getAllByName;
    }
}
