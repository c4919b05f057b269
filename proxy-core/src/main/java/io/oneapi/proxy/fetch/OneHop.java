package io.oneapi.proxy.fetch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyConnectException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The response side of one GET (one redirect hop): a redirect's location, or the body bounded by the
 * per-image limit and the request's shared byte budget, aborted as soon as a limit is crossed or the
 * bytes can no longer be an image. Runs on the connection's event loop; the connection is closed when the
 * hop ends either way.
 */
final class OneHop extends SimpleChannelInboundHandler<HttpObject> {

    /** How a hop ended. */
    sealed interface Outcome permits Redirect, Body {
    }

    record Redirect(String location) implements Outcome {
    }

    record Body(String mediaType, byte[] bytes) implements Outcome {
    }

    /** Netty puts the proxy's answer at the end of the message: "..., status: 403 Forbidden". */
    private static final Pattern PROXY_STATUS = Pattern.compile("status: (\\d{3})\\b");

    private final String url;
    private final long maxBytes;
    private final long maxTotalBytes;
    private final AtomicLong budget;
    private final CompletableFuture<Outcome> result = new CompletableFuture<>();
    private volatile Channel channel;
    private byte[] body;
    private int size;
    private String contentType;
    private boolean declaredImage;
    private boolean sniffed;

    /**
     * @param url the URL the client gave, for error messages
     * @param budget bytes all images of the request may still use, shared by its fetches
     */
    OneHop(String url, long maxBytes, long maxTotalBytes, AtomicLong budget) {
        this.url = url;
        this.maxBytes = maxBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.budget = budget;
        result.whenComplete((outcome, failure) -> close());
    }

    CompletableFuture<Outcome> result() {
        return result;
    }

    void attach(Channel ch) {
        channel = ch;
        if (result.isDone()) {
            ch.close();
        }
    }

    /** Ends the hop with a client-readable reason. */
    void fail(String reason) {
        result.completeExceptionally(ImageFetchException.about(url, reason));
    }

    /** Ends the hop because the gateway's image proxy failed. */
    void failAtProxy(String reason) {
        result.completeExceptionally(ImageFetchException.proxy(url, reason));
    }

    void cancel() {
        fail("cancelled");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (result.isDone()) {
            return;
        }
        if (msg.decoderResult().isFailure()) {
            fail("the image host sent an invalid HTTP response");
            return;
        }
        if (msg instanceof HttpResponse response) {
            onHead(response);
        }
        if (msg instanceof HttpContent content && !result.isDone() && body != null) {
            onContent(content);
        }
    }

    private void onHead(HttpResponse response) {
        int status = response.status().code();
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            String location = response.headers().get(HttpHeaderNames.LOCATION);
            if (location == null || location.isBlank()) {
                fail("the image host redirected without a location");
            } else {
                result.complete(new Redirect(location.trim()));
            }
            return;
        }
        if (status < 200 || status >= 300) {
            fail("the image host answered HTTP " + status);
            return;
        }
        String encoding = response.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.trim())) {
            fail("the image host sent a compressed (" + encoding.trim() + ") response");
            return;
        }
        long length = HttpUtil.getContentLength(response, -1L);
        if (length > maxBytes) {
            fail(tooLarge());
            return;
        }
        contentType = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
        declaredImage = ImageMediaType.declared(contentType).startsWith("image/");
        // A declared length only sizes the first buffer, up to 1 MB: the limits apply to what arrives.
        body = new byte[(int) Math.min(Math.min(Math.max(length, 8192), 1 << 20), maxBytes)];
    }

    private void onContent(HttpContent content) {
        ByteBuf bytes = content.content();
        int n = bytes.readableBytes();
        if (size + (long) n > maxBytes) {
            fail(tooLarge());
            return;
        }
        if (budget.addAndGet(-n) < 0) {
            fail("the request's images are larger than " + megabytes(maxTotalBytes) + " in total");
            return;
        }
        if (size + n > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(Math.max((long) body.length * 2, size + n), maxBytes));
        }
        bytes.getBytes(bytes.readerIndex(), body, size, n);
        size += n;
        if (!declaredImage && !sniffed && size >= ImageMediaType.SNIFF_BYTES) {
            // Abort early: a body that is neither declared nor recognised as an image will not become one.
            sniffed = true;
            if (ImageMediaType.sniff(Arrays.copyOf(body, ImageMediaType.SNIFF_BYTES)) == null) {
                fail(notAnImage());
                return;
            }
        }
        if (content instanceof LastHttpContent) {
            finish();
        }
    }

    private void finish() {
        byte[] bytes = size == body.length ? body : Arrays.copyOf(body, size);
        if (bytes.length == 0) {
            fail("the image is empty");
            return;
        }
        String mediaType = ImageMediaType.decide(contentType, bytes);
        if (mediaType == null) {
            fail(notAnImage());
            return;
        }
        result.complete(new Body(mediaType, bytes));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail("the image host closed the connection early");
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProxyConnectException refused) {
            onProxyFailure(refused);
            return;
        }
        fail(cause instanceof SSLException || cause.getCause() instanceof SSLException
                ? "the TLS handshake with the image host failed" : "the connection to the image host failed");
    }

    /**
     * The proxy did not open the tunnel. A 502, 503 or 504 from an HTTP proxy means it could not reach the
     * image host (the client's URL); anything else is the proxy's own refusal or failure (the gateway's).
     */
    private void onProxyFailure(ProxyConnectException refused) {
        String message = refused.getMessage() == null ? "" : refused.getMessage();
        if (refused instanceof HttpProxyHandler.HttpProxyConnectException) {
            Matcher status = PROXY_STATUS.matcher(message);
            String code = status.find() ? status.group(1) : "?";
            if (code.equals("502") || code.equals("503") || code.equals("504")) {
                fail("could not connect to the image host (the gateway's image proxy answered HTTP " + code + ")");
            } else {
                failAtProxy("the gateway's image proxy refused the connection (HTTP " + code + ")");
            }
        } else if (message.endsWith(", disconnected")) {
            failAtProxy("the gateway's image proxy closed the connection");
        } else if (message.endsWith(", timeout")) {
            failAtProxy("the gateway's image proxy did not answer in time");
        } else {
            failAtProxy("the gateway's image proxy could not open the connection");
        }
    }

    private void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    private String notAnImage() {
        String declared = ImageMediaType.declared(contentType);
        return "the URL does not point to an image" + (declared.isEmpty() ? "" : " (content type " + declared + ")");
    }

    private String tooLarge() {
        return "the image is larger than " + megabytes(maxBytes);
    }

    private static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }
}
