package io.oneapi.proxy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponse;
import io.oneapi.proxy.credential.CredentialFailure;
import io.oneapi.proxy.relay.ProviderLookup;
import io.oneapi.proxy.relay.RelayServices;
import io.oneapi.proxy.route.RoutedChannel;
import io.oneapi.proxy.upstream.UpstreamCall;
import io.oneapi.proxy.upstream.UpstreamConnector;
import io.oneapi.proxy.upstream.CollectingListener;
import io.oneapi.proxy.websocket.WebSocketCall;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.NeedsCredential;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.WebSocketUpstream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One channel test (inventory section 3.5): a non-stream chat request with {@code TEST_PROMPT} through the
 * channel's adapter; success needs an OpenAI chat completion whose first message content is a string.
 */
final class ChannelTestCall implements CollectingListener.Receiver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 4 * 1024 * 1024;

    /** What the admin server gets back. */
    record Outcome(boolean success, String message, double seconds, String modelName, String errorKind) {
        byte[] toJson() {
            ObjectNode node = JSON.createObjectNode();
            node.put("success", success);
            node.put("message", message);
            node.put("time", seconds);
            node.put("modelName", modelName);
            if (!errorKind.isEmpty()) {
                node.put("errorKind", errorKind);
            }
            try {
                return JSON.writeValueAsBytes(node);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final ProviderAdapter adapter;
    private final ProviderExchange exchange;
    private final String model;
    private final long start = System.nanoTime();
    private final Consumer<Outcome> done;

    private ChannelTestCall(ProviderAdapter adapter, ProviderExchange exchange, String model, Consumer<Outcome> done) {
        this.adapter = adapter;
        this.exchange = exchange;
        this.model = model;
        this.done = done;
    }

    /** Starts the test on {@code loop}; {@code done} runs there once with the outcome. */
    static void start(RelayServices services, EventLoop loop, RoutedChannel channel, String requestedModel,
                      String prompt, Duration timeout, Consumer<Outcome> done) {
        ProviderLookup providers = services.providers();
        String model = chooseModel(channel, requestedModel);
        ProviderAdapter adapter = providers.adapterFor(channel.type());
        if (adapter == null) {
            done.accept(new Outcome(false, "no loaded plugin serves channel type " + channel.type(), 0, model,
                    ErrorKind.UNAVAILABLE.name()));
            return;
        }
        ObjectNode request = JSON.createObjectNode();
        request.put("model", model);
        request.putArray("messages").addObject().put("role", "user").put("content", prompt);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(request);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        ExchangeContext context = new ExchangeContext(channel.toInfo(providers.defaultBaseUrl(channel.type())),
                RelayMode.CHAT_COMPLETIONS, "/v1/chat/completions", "", model, channel.upstreamModel(model), false,
                "", false, services.gatewaySettings());
        ProviderExchange exchange;
        try {
            exchange = adapter.newExchange(context);
        } catch (RuntimeException e) {
            done.accept(new Outcome(false, "request conversion failed: " + e.getMessage(), 0, model,
                    ErrorKind.BAD_REQUEST.name()));
            return;
        }
        ChannelTestCall call = new ChannelTestCall(adapter, exchange, model, done);
        Runnable send = () -> call.send(services.upstream(), loop, request, bytes, timeout);
        if (exchange instanceof NeedsCredential needs) {
            // Same token cache as the relay: a channel that needs an access token is tested with one.
            boolean ready = services.credentials().supply(channel.id(), needs, loop, token -> {
                needs.useCredential(token);
                send.run();
            }, (CredentialFailure failure) -> done.accept(new Outcome(false, failure.error().message(), 0, model,
                    failure.kind().name())));
            if (!ready) {
                return;
            }
        }
        send.run();
    }

    private void send(UpstreamConnector connector, EventLoop loop, JsonNode request, byte[] bytes, Duration timeout) {
        UpstreamRequest upstream;
        try {
            upstream = exchange.translateRequest(new SyntheticRequest("/v1/chat/completions", request, bytes));
        } catch (RuntimeException e) {
            done.accept(new Outcome(false, "request conversion failed: " + e.getMessage(), 0, model,
                    ErrorKind.BAD_REQUEST.name()));
            return;
        }
        if (exchange instanceof WebSocketUpstream socket) {
            // iFlytek Spark v1 and other WebSocket upstreams: the relay's socket handling, answer collected.
            try {
                WebSocketCall.start(connector, loop, upstream, false, socket, timeout,
                        new CollectingListener(ByteBufAllocator.DEFAULT, MAX_BODY, this));
            } catch (IllegalArgumentException e) {
                done.accept(new Outcome(false, e.getMessage(), 0, model, ErrorKind.UNAVAILABLE.name()));
            }
            return;
        }
        ByteBuf out = Unpooled.wrappedBuffer(upstream.forwardsClientBody() ? bytes : upstream.body());
        try {
            UpstreamCall.start(connector, loop, upstream.url(), upstream.method(), upstream.headers(), out, timeout,
                    new CollectingListener(out.alloc(), MAX_BODY, this));
        } catch (IllegalArgumentException e) {
            done.accept(new Outcome(false, e.getMessage(), 0, model, ErrorKind.UNAVAILABLE.name()));
        }
    }

    /** The requested model when the channel lists it, else the channel's first model (One API's rule). */
    static String chooseModel(RoutedChannel channel, String requested) {
        String models = channel.row().models() == null ? "" : channel.row().models();
        String first = "";
        for (String m : models.split(",")) {
            String t = m.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (first.isEmpty()) {
                first = t;
            }
            if (t.equals(requested)) {
                return t;
            }
        }
        return first.isEmpty() ? (requested == null || requested.isEmpty() ? "gpt-3.5-turbo" : requested) : first;
    }

    @Override
    public void completed(HttpResponse head, ByteBuf body) {
        byte[] bytes = ByteBufUtil.getBytes(body);
        body.release();
        int status = head.status().code();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (status < 200 || status >= 300) {
            ErrorKind kind = adapter.classifyError(status, name -> head.headers().get(name), bytes);
            String message = exchange.errorMessage(status, bytes);
            done.accept(new Outcome(false, "status " + status + ": " + (message != null ? message
                    : new String(bytes, java.nio.charset.StandardCharsets.UTF_8)), seconds, model, kind.name()));
            return;
        }
        byte[] completion = bytes;
        if (exchange.streamMode() == StreamMode.TRANSLATE) {
            TranslatedBody translated = exchange.translateBody(status, name -> head.headers().get(name), bytes);
            completion = translated.body();
        }
        done.accept(readReply(completion, seconds));
    }

    private Outcome readReply(byte[] completion, double seconds) {
        try {
            JsonNode content = JSON.readTree(completion).path("choices").path(0).path("message").path("content");
            if (content.isTextual()) {
                return new Outcome(true, content.asText(), seconds, model, "");
            }
        } catch (java.io.IOException e) {
            // falls through to the failure below
        }
        return new Outcome(false, "the upstream's answer is not a chat completion", seconds, model,
                ErrorKind.UNKNOWN.name());
    }

    @Override
    public void failed(Throwable cause) {
        String reason = cause instanceof java.util.concurrent.TimeoutException ? "timed out"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        done.accept(new Outcome(false, "request failed: " + reason, (System.nanoTime() - start) / 1e9, model,
                ErrorKind.UNAVAILABLE.name()));
    }
}
