package io.oneapi.proxy.fetch;

import java.util.concurrent.CompletionException;

/**
 * A refused or failed image fetch. The message is written for the API client: it names the URL and the
 * reason but never a resolved address, a proxy or an exception from the network stack.
 */
public final class ImageFetchException extends RuntimeException {
    private static final int MAX_URL_CHARS = 128;

    private final int status;
    private final String code;

    ImageFetchException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** A 400 about one URL. */
    static ImageFetchException about(String url, String reason) {
        String shown = url.length() > MAX_URL_CHARS ? url.substring(0, MAX_URL_CHARS) + "..." : url;
        return new ImageFetchException(400, "image_fetch_failed", "Could not fetch image " + shown + ": " + reason);
    }

    /**
     * A 502 about one URL: the gateway's own USER_CONTENT_REQUEST_PROXY failed, which the client cannot fix.
     * The message says so without naming the proxy.
     */
    static ImageFetchException proxy(String url, String reason) {
        return new ImageFetchException(502, "image_proxy_failed", about(url, reason).getMessage());
    }

    /** A 400 about the request as a whole. */
    static ImageFetchException request(String reason) {
        return new ImageFetchException(400, "image_fetch_failed", reason);
    }

    /** The gateway had no thread free to resolve the image host. */
    static ImageFetchException busy() {
        return new ImageFetchException(503, "gateway_overloaded", "The gateway is overloaded; retry shortly.");
    }

    /** The HTTP status the client gets. */
    public int status() {
        return status;
    }

    /** The OpenAI error code the client gets. */
    public String code() {
        return code;
    }

    /** The fetch failure inside a future's failure, or a generic one for anything unexpected. */
    public static ImageFetchException unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof ImageFetchException fetch ? fetch
                : request("Could not fetch the request's images.");
    }
}
