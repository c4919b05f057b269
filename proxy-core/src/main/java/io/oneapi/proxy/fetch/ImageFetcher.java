package io.oneapi.proxy.fetch;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.oneapi.spi.InlineImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The guarded fetcher for user-supplied image URLs that a provider wants inline (One API fetched them
 * with no checks at all: SSRF reports songquanpeng/one-api#2387, #2388). Only http(s); every hop's host
 * is resolved here and refused when any address is private, loopback, link-local, metadata or otherwise
 * reserved; the connection goes to the vetted address; at most {@link FetchPolicy#maxRedirects()}
 * redirects, each checked again; size limits per image and per request; one deadline per image.
 *
 * <p>Name resolution runs on the blocking executor, the transfers on the given event loops; callers get
 * a future and never wait.
 */
public final class ImageFetcher {
    private final HopClient client;
    private final Executor blocking;
    private final FetchPolicy policy;
    private final UrlFetch.HostResolver resolver;

    public ImageFetcher(EventLoopGroup group, Class<? extends SocketChannel> channelType, Executor blocking,
                        FetchPolicy policy) {
        this(group, channelType, blocking, policy, UrlFetch.HostResolver.SYSTEM);
    }

    ImageFetcher(EventLoopGroup group, Class<? extends SocketChannel> channelType, Executor blocking,
                 FetchPolicy policy, UrlFetch.HostResolver resolver) {
        this.client = new HopClient(group, channelType, policy.proxy());
        this.blocking = blocking;
        this.policy = policy;
        this.resolver = resolver;
    }

    public FetchPolicy policy() {
        return policy;
    }

    /**
     * Fetches every URL concurrently. The future completes with an image per URL, or fails with an
     * {@link ImageFetchException} as soon as one URL fails (the others are then cancelled).
     */
    public CompletableFuture<Map<String, InlineImage>> fetchAll(List<String> urls) {
        if (urls.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        if (urls.size() > policy.maxImages()) {
            return CompletableFuture.failedFuture(ImageFetchException.request("A request may carry at most "
                    + policy.maxImages() + " image URLs to fetch; this one has " + urls.size() + "."));
        }
        AtomicLong budget = new AtomicLong(policy.maxTotalBytes());
        List<UrlFetch> fetches = new ArrayList<>(urls.size());
        for (String url : urls) {
            fetches.add(new UrlFetch(url, client, blocking, resolver, policy, budget));
        }
        CompletableFuture<Map<String, InlineImage>> all = new CompletableFuture<>();
        Map<String, InlineImage> images = new ConcurrentHashMap<>();
        AtomicInteger left = new AtomicInteger(fetches.size());
        for (UrlFetch fetch : fetches) {
            fetch.result().whenComplete((image, failure) -> {
                if (failure != null) {
                    if (all.completeExceptionally(failure)) {
                        fetches.forEach(UrlFetch::cancel);
                    }
                    return;
                }
                images.put(fetch.url(), image);
                if (left.decrementAndGet() == 0) {
                    all.complete(Map.copyOf(images));
                }
            });
        }
        fetches.forEach(UrlFetch::start);
        return all;
    }
}
