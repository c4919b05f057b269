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

/**
 * A chat completion on Vertex AI (channel type 42). The channel config holds {@code region},
 * {@code vertex_ai_project_id} (else the key file's {@code project_id}) and {@code vertex_ai_adc}, a
 * service-account key file. The key is turned into an OAuth2 access token by the JWT-bearer grant; the core
 * performs that call and caches the token per channel ({@link NeedsCredential}).
 *
 * <p>The translation depends on the model's publisher: Google's Gemini models go through
 * {@link OpenAiToGeminiExchange}, Anthropic's Claude models through {@link OpenAiToVertexClaudeExchange};
 * both address a {@link VertexEndpoint} that authenticates with the token.
 */
final class OpenAiToVertexExchange implements ProviderExchange, NeedsCredential {
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final String adc;
    private final ServiceAccount account;
    private final ProviderExchange translation;
    private AccessToken token;

    OpenAiToVertexExchange(ExchangeContext context) {
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
        VertexEndpoint endpoint = new VertexEndpoint(channel.baseUrl(), project, region, this::bearer);
        this.translation = VertexClaudeModels.isClaude(context.upstreamModel())
                ? new OpenAiToVertexClaudeExchange(context, endpoint, Instant.now().getEpochSecond())
                : new OpenAiToGeminiExchange(context, endpoint);
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
        return translation.translateRequest(request);
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        return translation.translateBody(status, headers, body);
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        translation.onEvent(event, sink);
    }

    @Override
    public void onStreamEnd(EventSink sink) {
        translation.onStreamEnd(sink);
    }

    @Override
    public Usage usage() {
        return translation.usage();
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return translation.errorMessage(status, body);
    }
}
