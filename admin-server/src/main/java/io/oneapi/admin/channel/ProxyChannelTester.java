package io.oneapi.admin.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@link ChannelTester} over the proxy's internal routes:
 * {@code POST /internal/channel/test/{id}?model=X} answering {@code {success, message, time, modelName}} and
 * {@code POST /internal/channel/balance/{id}} answering {@code {success, message, balance}}, both
 * authenticated by {@code X-OneAPI-Internal: hex(HMAC-SHA256(SESSION_SECRET, "internal"))}. A test reply may
 * add {@code errorKind} (an {@code ErrorKind} name) so automatic disabling need not guess from the message.
 */
public final class ProxyChannelTester implements ChannelTester {
    static final String HEADER = "X-OneAPI-Internal";

    private final HttpClient http;
    private final URI proxyBase;
    private final String secret;
    private final Duration timeout;
    private final ObjectMapper mapper = JsonMapper.builder().build();

    /**
     * @param proxyBase e.g. {@code http://127.0.0.1:3000}
     * @param secret    the internal route secret ({@code HmacKey.internalRouteSecret()})
     * @param timeout   upper bound of one upstream call as seen from here
     */
    public ProxyChannelTester(HttpClient http, URI proxyBase, String secret, Duration timeout) {
        this.http = http;
        this.proxyBase = proxyBase;
        this.secret = secret;
        this.timeout = timeout;
    }

    @Override
    public TestOutcome test(int channelId, String model) {
        String query = model == null || model.isEmpty() ? ""
                : "?model=" + URLEncoder.encode(model, StandardCharsets.UTF_8);
        try {
            JsonNode reply = call("/internal/channel/test/" + channelId + query);
            return new TestOutcome(reply.path("success").asBoolean(false), reply.path("message").asText(""),
                    reply.path("time").asDouble(0), reply.path("modelName").asText(model == null ? "" : model),
                    reply.path("errorKind").asText(""));
        } catch (ProxyUnavailable e) {
            return new TestOutcome(false, e.getMessage(), 0, model == null ? "" : model, "");
        }
    }

    @Override
    public BalanceOutcome balance(int channelId) {
        try {
            JsonNode reply = call("/internal/channel/balance/" + channelId);
            return new BalanceOutcome(reply.path("success").asBoolean(false), reply.path("message").asText(""),
                    reply.path("balance").asDouble(0));
        } catch (ProxyUnavailable e) {
            return new BalanceOutcome(false, e.getMessage(), 0);
        }
    }

    private JsonNode call(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(proxyBase.resolve(pathAndQuery))
                .timeout(timeout)
                .header(HEADER, secret)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ProxyUnavailable("proxy unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyUnavailable("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new ProxyUnavailable("proxy answered HTTP " + response.statusCode());
        }
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new ProxyUnavailable("proxy answered malformed JSON");
        }
    }

    private static final class ProxyUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProxyUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
