package io.oneapi.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.oneapi.proxy.client.OpenAiError;
import io.oneapi.proxy.client.Responses;
import io.oneapi.proxy.credential.CredentialFailure;
import io.oneapi.proxy.route.RoutedChannel;
import io.oneapi.proxy.upstream.UpstreamCall;
import io.oneapi.proxy.upstream.UpstreamListener;
import io.oneapi.proxy.websocket.WebSocketCall;
import io.oneapi.spi.AccessToken;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.FollowUp;
import io.oneapi.spi.NeedsCredential;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;
import io.oneapi.spi.WebSocketUpstream;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one relayed request, on its client's event loop: pick a provider channel, reserve quota
 * (blocking executor), translate, call the upstream, answer the client, and hand exactly one
 * {@link RelayRecord} to billing. Failed attempts move to another channel only while nothing has reached
 * the client (house rule 5).
 */
public final class RelayFlow implements UpstreamListener {
    private static final Logger LOG = LoggerFactory.getLogger(RelayFlow.class);

    private final RelayServices services;
    private final ChannelHandlerContext ctx;
    private final FullHttpRequest request;
    private final RelayMode mode;
    private final AuthorizedRequest auth;
    private final String requestId;
    private final long startNanos;
    private final boolean keepAlive;
    private final Runnable onDone;
    private final ClientRequestView view;

    private final Set<Integer> tried = new HashSet<>();
    private int retriesLeft;
    private QuotaHold quota;
    private RoutedChannel channel;
    private ProviderAdapter adapter;
    private ProviderExchange exchange;
    private FollowUpSteps followUps;
    private ExchangeContext exchangeContext;
    private UpstreamCall call;
    private WebSocketCall webSocket;
    private HttpResponse head;
    private BodyCollector collector;
    private StreamForwarder stream;
    private boolean upstreamReached;
    private AccessToken fetchedToken;
    private boolean finished;

    /**
     * @param request owned by the flow from now on (released when it ends)
     * @param onDone runs on the event loop once the client has its full answer (or is gone)
     */
    public RelayFlow(RelayServices services, ChannelHandlerContext ctx, FullHttpRequest request, RelayMode mode,
                     String path, String query, AuthorizedRequest auth, String requestId, long startNanos,
                     boolean keepAlive, Runnable onDone) {
        this.services = services;
        this.ctx = ctx;
        this.request = request;
        this.mode = mode;
        this.auth = auth;
        this.requestId = requestId;
        this.startNanos = startNanos;
        this.keepAlive = keepAlive;
        this.onDone = onDone;
        this.view = new ClientRequestView(request, path, query, request.content());
    }

    public void start() {
        retriesLeft = auth.pinned() != null ? 0 : Math.max(0, services.policy().retryTimes());
        if (!pickChannel()) {
            return;
        }
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        // Priced as the channel will be asked (after its model mapping), as settlement is: a cheap alias mapped to
        // an expensive model must not reserve (or, for images, charge) the alias's price.
        quota = new QuotaHold(services, new RelayBilling.ReserveRequest(auth.user().id(), auth.token().id(),
                auth.token().unlimitedQuota(), auth.token().name(), auth.user().username(), auth.group(),
                channel.upstreamModel(auth.facts().model()), channel.type(), mode,
                RelayBilling.ReserveRequest.needsBody(mode) ? ByteBufUtil.getBytes(request.content()) : null,
                PromptSize.of(request.content()),
                Math.max(0, auth.facts().maxTokens()), contentType), requestId);
        try {
            quota.reserve(ctx.executor(), this::onReserved,
                    error -> finishWithError(error, RelayOutcome.GATEWAY_ERROR));
        } catch (RejectedExecutionException e) {
            finishWithError(OpenAiError.gateway(503, "gateway_overloaded",
                    "The gateway is overloaded; retry shortly."), RelayOutcome.GATEWAY_ERROR);
        }
    }

    private void onReserved() {
        if (finished) {
            // The client left while we were reserving.
            quota.release();
            return;
        }
        attempt();
    }

    /** Chooses the next channel; answers the client and returns false when none is left. */
    private boolean pickChannel() {
        if (auth.pinned() != null) {
            channel = tried.contains(auth.pinned().id()) ? null : auth.pinned();
        } else {
            channel = services.router().table().pick(auth.group(), auth.facts().model(), tried);
        }
        if (channel == null) {
            finishWithError(OpenAiError.gateway(503, "no_available_channel", "No available channel for model "
                    + auth.facts().model() + " in group " + auth.group() + "."), RelayOutcome.GATEWAY_ERROR);
            return false;
        }
        return true;
    }

    private void attempt() {
        head = null;
        adapter = services.providers().adapterFor(channel.type());
        if (adapter == null) {
            attemptFailed(OpenAiError.gateway(500, "channel_type_not_supported", "No loaded plugin serves channel"
                    + " type " + channel.type() + "."), ErrorKind.UNAVAILABLE, 500);
            return;
        }
        String requested = auth.facts().model();
        String systemPrompt = channel.row().systemPrompt() == null ? "" : channel.row().systemPrompt();
        exchangeContext = new ExchangeContext(channel.toInfo(services.providers().defaultBaseUrl(channel.type())),
                mode, view.path(), view.query(), requested, channel.upstreamModel(requested),
                auth.facts().stream(), systemPrompt, services.enforceIncludeUsage(), services.gatewaySettings());
        if (InlineImageStep.wanted(services, view, mode, adapter, exchangeContext)) {
            InlineImageStep.fetch(services, view, ctx.executor(), () -> {
                if (!finished) {
                    translateAndCall();
                }
            }, error -> finishWithError(error, RelayOutcome.GATEWAY_ERROR));
            return;
        }
        translateAndCall();
    }

    private void translateAndCall() {
        UpstreamRequest upstreamRequest;
        try {
            exchange = adapter.newExchange(exchangeContext);
            followUps = new FollowUpSteps(exchange);
            if (exchange instanceof NeedsCredential needs && !credentialReady(needs)) {
                return; // translateAndCall runs again once the token arrived
            }
            upstreamRequest = exchange.translateRequest(view);
        } catch (IllegalArgumentException e) {
            attemptFailed(OpenAiError.gateway(400, "convert_request_failed", e.getMessage()),
                    ErrorKind.BAD_REQUEST, 400);
            return;
        } catch (RuntimeException e) {
            // No stack trace: a misconfigured channel fails every request routed to it, and a trace per request
            // is disk I/O on the event loop.
            LOG.error("Adapter for channel type {} failed to translate request {} for channel #{}: {}",
                    channel.type(), requestId, channel.id(), e.toString());
            attemptFailed(OpenAiError.gateway(500, "convert_request_failed", "The request could not be"
                    + " converted for the upstream."), ErrorKind.UNAVAILABLE, 500);
            return;
        }
        if (exchange instanceof WebSocketUpstream socket) {
            openWebSocket(upstreamRequest, socket);
            return;
        }
        ByteBuf body = upstreamRequest.forwardsClientBody() ? request.content().retainedDuplicate()
                : Unpooled.wrappedBuffer(upstreamRequest.body());
        try {
            upstreamReached = true;
            startCall(upstreamRequest, body);
        } catch (IllegalArgumentException e) {
            upstreamReached = false;
            attemptFailed(OpenAiError.gateway(500, "invalid_channel_base_url", e.getMessage()),
                    ErrorKind.UNAVAILABLE, 500);
        }
    }

    /** An upstream that speaks over a WebSocket ({@link WebSocketUpstream}): the core owns the socket. */
    private void openWebSocket(UpstreamRequest upstreamRequest, WebSocketUpstream socket) {
        try {
            upstreamReached = true;
            webSocket = WebSocketCall.start(services.upstream(), ctx.channel().eventLoop(), upstreamRequest,
                    auth.facts().stream(), socket, services.relayTimeout(), this);
        } catch (IllegalArgumentException e) {
            upstreamReached = false;
            attemptFailed(OpenAiError.gateway(500, "invalid_channel_base_url", e.getMessage()),
                    ErrorKind.UNAVAILABLE, 500);
        }
    }

    private void startCall(UpstreamRequest upstreamRequest, ByteBuf body) {
        call = UpstreamCall.start(services.upstream(), ctx.channel().eventLoop(), upstreamRequest.url(),
                upstreamRequest.method(), upstreamRequest.headers(), body, services.relayTimeout(), this);
    }

    /**
     * Asks a multi-step exchange ({@link io.oneapi.spi.FollowUps}) what comes after this answer; true when the
     * answer is dealt with: a follow-up request is scheduled, or the attempt failed. Takes {@code body} then.
     */
    private boolean followedUp(int status, ByteBuf body) {
        FollowUp next;
        try {
            next = followUps.next(status, name -> head.headers().get(name), ByteBufUtil.getBytes(body));
        } catch (RuntimeException e) {
            body.release();
            LOG.debug("Request {}: follow-up refused", requestId, e);
            attemptFailed(OpenAiError.gateway(502, "bad_response", "The upstream's answer could not be followed"
                    + " up: " + e.getMessage()), ErrorKind.UNAVAILABLE, 502);
            return true;
        }
        if (next == null) {
            return false;
        }
        body.release();
        call = null;
        ctx.executor().schedule(() -> sendFollowUp(next.request()), next.delay().toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    private void sendFollowUp(UpstreamRequest request) {
        if (finished) {
            return; // the client left while the follow-up waited
        }
        try {
            startCall(request, request.body() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(request.body()));
        } catch (IllegalArgumentException e) {
            attemptFailed(OpenAiError.gateway(502, "bad_response", "The upstream named an unusable follow-up URL: "
                    + e.getMessage()), ErrorKind.UNAVAILABLE, 502);
        }
    }

    /** Gives the exchange its access token; false while it is being fetched (off the event loop). */
    private boolean credentialReady(NeedsCredential needs) {
        AccessToken token = fetchedToken;
        fetchedToken = null;
        if (token != null) {
            needs.useCredential(token);
            return true;
        }
        return services.credentials().supply(channel.id(), needs, ctx.executor(), fetched -> {
            if (!finished) {
                fetchedToken = fetched;
                translateAndCall();
            }
        }, (CredentialFailure failure) -> {
            if (!finished) {
                attemptFailed(failure.error(), failure.kind(), failure.error().status());
            }
        });
    }

    @Override
    public void onHead(HttpResponse response) {
        head = response;
        int status = response.status().code();
        if (status >= 200 && status < 300 && auth.facts().stream() && isEventStream(response)) {
            stream = new StreamForwarder(ctx, exchange, requestId);
        } else {
            collector = new BodyCollector(ctx.alloc(), services.maxResponseBytes());
        }
    }

    @Override
    public void onContent(HttpContent content) {
        try {
            forward(content);
        } catch (RuntimeException e) {
            adapterFailedOnResponse(e);
        }
    }

    private void forward(HttpContent content) {
        if (finished) {
            content.release();
        } else if (stream != null) {
            stream.onContent(content);
            if (webSocket != null) {
                stream.flush(); // one message per frame: no read-complete to wait for
            }
            if (!ctx.channel().isWritable() && call != null) {
                call.pause();
            } else if (!ctx.channel().isWritable() && webSocket != null) {
                webSocket.pause();
            }
        } else if (collector != null) {
            collector.add(content);
        } else {
            content.release();
        }
    }

    @Override
    public void onReadComplete() {
        if (!finished && stream != null) {
            stream.flush();
        }
    }

    @Override
    public void onEnd() {
        try {
            end();
        } catch (RuntimeException e) {
            adapterFailedOnResponse(e);
        }
    }

    /**
     * A provider adapter threw while reading the upstream's answer (a plugin bug, or an answer it cannot parse).
     * The client gets a 502, or an in-band error that ends a started stream, instead of waiting forever.
     */
    private void adapterFailedOnResponse(RuntimeException e) {
        LOG.error("Adapter for channel type {} failed on the response to request {}: {}", channel.type(), requestId,
                e.toString());
        if (finished) {
            return;
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        OpenAiError error = OpenAiError.gateway(502, "bad_response", "The upstream response could not be "
                + "converted for the client: " + detail);
        if (call != null) {
            call.abort();
        }
        if (webSocket != null) {
            webSocket.abort();
        }
        if (stream != null) {
            stream.onUpstreamBroke(error);
            services.health().onFailure(channel, ErrorKind.UNAVAILABLE, 502, error.message());
            complete(RelayOutcome.UPSTREAM_BROKE, stream.usage(), stream.generatedText());
            return;
        }
        if (collector != null) {
            collector.release();
            collector = null;
        }
        finishWithError(error, RelayOutcome.UPSTREAM_ERROR);
    }

    private void end() {
        if (finished) {
            return;
        }
        if (stream != null) {
            stream.onEnd();
            services.health().onSuccess(channel);
            complete(RelayOutcome.OK, stream.usage(), stream.generatedText());
            return;
        }
        ByteBuf body = collector.take();
        int status = head.status().code();
        if (collector.overflowed()) {
            body.release();
            attemptFailed(OpenAiError.gateway(502, "upstream_response_too_large", "The upstream response exceeded "
                    + services.maxResponseBytes() + " bytes."), ErrorKind.UNAVAILABLE, 502);
        } else if (followUps.asks(status) && followedUp(status, body)) {
            return; // a follow-up request (task poll, stream URL, result file) is on its way, or the attempt failed
        } else if (status >= 200 && status < 300 || followUps.translatesErrors()) {
            new UnaryResponder(this).respond(status, body);
        } else {
            byte[] bytes = ByteBufUtil.getBytes(body);
            body.release();
            upstreamFailed(status, bytes);
        }
    }

    @Override
    public void onFailure(Throwable cause, boolean afterHead) {
        if (finished) {
            return;
        }
        OpenAiError error = UpstreamErrors.transport(cause);
        if (stream != null) {
            stream.onUpstreamBroke(error);
            services.health().onFailure(channel, ErrorKind.UNAVAILABLE, error.status(), error.message());
            complete(RelayOutcome.UPSTREAM_BROKE, stream.usage(), stream.generatedText());
            return;
        }
        if (collector != null) {
            collector.release();
            collector = null;
        }
        attemptFailed(error, ErrorKind.UNAVAILABLE, error.status());
    }

    /** An upstream error response: classify it, maybe disable the channel, maybe retry elsewhere. */
    void upstreamFailed(int status, byte[] body) {
        ErrorKind kind = adapter.classifyError(status, name -> head.headers().get(name), body);
        OpenAiError error = UpstreamErrors.fromResponse(status, body, exchange.errorMessage(status, body));
        attemptFailed(error, kind, status);
    }

    private void attemptFailed(OpenAiError error, ErrorKind kind, int status) {
        collector = null;
        call = null;
        webSocket = null;
        services.health().onFailure(channel, kind, status, error.message());
        if (kind == ErrorKind.AUTH_FAILED) {
            services.credentials().forget(channel.id()); // a revoked token must not be reused
        }
        tried.add(channel.id());
        boolean retriable = status != 400 && kind != ErrorKind.BAD_REQUEST && kind != ErrorKind.CONTEXT_TOO_LONG;
        if (retriable && retriesLeft > 0 && !ctx.channel().isActive()) {
            retriable = false;
        }
        if (retriable && retriesLeft > 0) {
            retriesLeft--;
            LOG.debug("Request {} failed on channel #{} ({}), retrying", requestId, channel.id(), status);
            channel = auth.pinned() != null ? null : services.router().table().pick(auth.group(),
                    auth.facts().model(), tried);
            if (channel != null) {
                attempt();
                return;
            }
        }
        if (error.status() == 429) {
            error = error.withMessage("The upstream load of the current group is saturated, please try again"
                    + " later. (" + error.message() + ")");
        }
        finishWithError(error, RelayOutcome.UPSTREAM_ERROR);
    }

    /** A successful unary answer went out; settle. Called by {@link UnaryResponder}. */
    void unaryDone(Usage usage, String generatedText) {
        services.health().onSuccess(channel);
        complete(RelayOutcome.OK, usage, generatedText);
    }

    /** The client connection closed. */
    public void clientClosed() {
        if (finished) {
            return;
        }
        if (call != null) {
            call.abort();
        }
        if (webSocket != null) {
            webSocket.abort();
        }
        if (stream != null) {
            stream.abandon();
            complete(RelayOutcome.CLIENT_ABORT, stream.usage(), stream.generatedText());
        } else if (upstreamReached && quota != null && quota.held()) {
            if (collector != null) {
                collector.release();
            }
            complete(RelayOutcome.CLIENT_ABORT, null, "");
        } else {
            if (collector != null) {
                collector.release();
            }
            finished = true;
            releaseQuota();
            request.release();
            onDone.run();
        }
    }

    /** Backpressure: the client can take more again. */
    public void clientWritable() {
        if (call != null && ctx.channel().isWritable()) {
            call.resume();
        }
        if (webSocket != null && ctx.channel().isWritable()) {
            webSocket.resume();
        }
    }

    private void complete(RelayOutcome outcome, Usage usage, String generatedText) {
        finished = true;
        call = null;
        webSocket = null;
        // Billing counts the prompt itself only when the upstream reported no token counts.
        boolean counted = usage != null && (usage.promptTokens() > 0 || usage.completionTokens() > 0);
        byte[] body = counted ? null : ByteBufUtil.getBytes(request.content());
        RelayRecord record = new RelayRecord(requestId, outcome, mode, channel.id(), channel.type(),
                exchangeContext.requestedModel(), exchangeContext.upstreamModel(),
                stream != null || clientWantsStream() && !exchange.upstreamStreams(), usage,
                generatedText, body, (System.nanoTime() - startNanos) / 1_000_000,
                !exchangeContext.systemPrompt().isEmpty());
        request.release();
        quota.settle(record);
        onDone.run();
    }

    private void finishWithError(OpenAiError error, RelayOutcome outcome) {
        if (finished) {
            return;
        }
        finished = true;
        releaseQuota();
        request.release();
        if (ctx.channel().isActive()) {
            Responses.error(ctx, keepAlive, error, requestId);
        }
        onDone.run();
    }

    private void releaseQuota() {
        if (quota != null) {
            quota.release();
        }
    }

    // Accessors for UnaryResponder (same package).
    ChannelHandlerContext ctx() {
        return ctx;
    }

    HttpResponse head() {
        return head;
    }

    ProviderExchange exchange() {
        return exchange;
    }

    RelayMode mode() {
        return mode;
    }

    String requestId() {
        return requestId;
    }

    boolean keepAlive() {
        return keepAlive;
    }

    /** Whether the client asked for a stream; an upstream that never streams still gets one (UnaryAsStream). */
    boolean clientWantsStream() {
        return auth.facts().stream();
    }

    private static boolean isEventStream(HttpResponse response) {
        String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        return type.startsWith("text/event-stream") || type.startsWith("application/x-ndjson")
                || type.startsWith("application/vnd.amazon.eventstream");
    }
}
