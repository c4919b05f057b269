package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.AccessToken;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.NeedsCredential;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A chat completion for a Gemini model on Vertex AI (channel type 42). The channel config holds
 * {@code region}, {@code vertex_ai_project_id} (else the key file's {@code project_id}) and
 * {@code vertex_ai_adc}, a service-account key file. The key is turned into an OAuth2 access token by the
 * JWT-bearer grant; the core performs that call and caches the token per channel ({@link NeedsCredential}).
 * The Gemini translation itself is {@link OpenAiToGeminiExchange} with a {@link VertexEndpoint}.
 *
 * <p>Claude models on Vertex ({@code publishers/anthropic/models/...:rawPredict}) need the Anthropic
 * translation, which lives in another plugin; they are refused here with a clear message.
 */
final class OpenAiToVertexExchange implements ProviderExchange, NeedsCredential {
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final String adc;
    private final ServiceAccount account;
    private final OpenAiToGeminiExchange gemini;
    private AccessToken token;

    OpenAiToVertexExchange(ExchangeContext context) {
        if (context.upstreamModel().toLowerCase(Locale.ROOT).contains("claude")) {
            throw new IllegalArgumentException("Claude models on Vertex AI are not supported by this gateway yet;"
                    + " use an Anthropic or AWS Bedrock channel");
        }
        if (context.mode() != RelayMode.CHAT_COMPLETIONS) {
            throw new IllegalArgumentException(context.requestPath() + " is not supported for Vertex AI channels");
        }
        ChannelInfo channel = context.channel();
        this.adc = channel.setting("vertex_ai_adc", "");
        if (adc.isEmpty()) {
            throw new IllegalStateException("Vertex AI channel #" + channel.id() + " has no vertex_ai_adc in its config");
        }
        this.account = ServiceAccount.parse(adc);
        String region = channel.setting("region", "");
        String project = channel.setting("vertex_ai_project_id", account.projectId());
        if (region.isEmpty() || project.isEmpty()) {
            throw new IllegalStateException("Vertex AI channel #" + channel.id()
                    + " needs region and vertex_ai_project_id in its config");
        }
        this.gemini = new OpenAiToGeminiExchange(context,
                new VertexEndpoint(channel.baseUrl(), project, region, this::bearer));
    }

    @Override
    public String credentialKey() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(adc.getBytes(StandardCharsets.UTF_8));
            return "vertex-sa:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public UpstreamRequest credentialRequest() {
        String assertion = ServiceAccountJwt.assertion(account, Instant.now());
        String form = "grant_type=" + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8)
                + "&assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
        return UpstreamRequest.builder("POST", account.tokenUri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .body(form.getBytes(StandardCharsets.US_ASCII)).build();
    }

    /** {@code {"access_token":"ya29...","expires_in":3599,"token_type":"Bearer"}}. */
    @Override
    public AccessToken parseCredential(byte[] body) {
        JsonNode root = Json.parseLenient(body);
        String value = root.path("access_token").asText("");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the token endpoint answered without an access_token");
        }
        long seconds = root.path("expires_in").asLong(ServiceAccountJwt.LIFETIME.toSeconds());
        return new AccessToken(value, Duration.ofSeconds(seconds > 0 ? seconds : 1));
    }

    @Override
    public void useCredential(AccessToken accessToken) {
        this.token = accessToken;
    }

    private String bearer() {
        if (token == null) {
            throw new IllegalStateException("no Vertex AI access token was provided before the request");
        }
        return token.value();
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        return gemini.translateRequest(request);
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        return gemini.translateBody(status, headers, body);
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        gemini.onEvent(event, sink);
    }

    @Override
    public void onStreamEnd(EventSink sink) {
        gemini.onStreamEnd(sink);
    }

    @Override
    public Usage usage() {
        return gemini.usage();
    }
}
