package io.oneapi.plugin.assorted.deepl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.assorted.common.ChannelUrls;
import io.oneapi.plugin.assorted.common.ChatMessages;
import io.oneapi.plugin.assorted.common.JsonBodies;
import io.oneapi.plugin.assorted.common.OpenAiResponses;
import io.oneapi.plugin.assorted.common.ProviderErrors;
import io.oneapi.plugin.assorted.common.ResponseStamp;
import io.oneapi.plugin.assorted.common.UnexpectedReplies;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;
import java.util.Locale;

/**
 * A chat completion answered by {@code POST /v2/translate}. DeepL never streams: for a client that asked
 * for a stream the core sends the translated completion as one chunk ({@link #upstreamStreams()}).
 * Usage is counted in characters, DeepL's billing unit, as One API does: the {@code billed_characters}
 * DeepL reports when asked, else the text's length (One API counted UTF-8 bytes, which bills a Chinese
 * character three times).
 */
final class OpenAiToDeepLExchange implements ProviderExchange {
    private static final String MODEL_PREFIX = "deepl-";
    private static final String DEFAULT_TARGET = "ZH";

    private final ExchangeContext context;
    private final OpenAiResponses responses;
    private String text = "";

    OpenAiToDeepLExchange(ExchangeContext context, ResponseStamp stamp) {
        this.context = context;
        this.responses = new OpenAiResponses(stamp, context.upstreamModel());
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        text = ChatMessages.lastText(ChatMessages.of(request.json(), ""));
        if (text.isBlank()) {
            throw new IllegalArgumentException("the last message has no text to translate");
        }
        ObjectNode body = JsonBodies.object();
        body.putArray("text").add(text);
        body.put("target_lang", targetLanguage(context.upstreamModel()));
        body.put("show_billed_characters", true);
        String url = ChannelUrls.base(context.channel(), DeepLAdapter.DEFAULT_BASE_URL) + "/v2/translate";
        return UpstreamRequest.builder("POST", url)
                .header("Content-Type", "application/json")
                .header("Authorization", "DeepL-Auth-Key " + context.channel().key())
                .body(JsonBodies.bytes(body)).build();
    }

    /** {@code deepl-ja} → {@code JA}, {@code deepl-en-us} → {@code EN-US}; a bare name means Chinese. */
    static String targetLanguage(String model) {
        String lower = model.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(MODEL_PREFIX) || lower.length() == MODEL_PREFIX.length()) {
            return DEFAULT_TARGET;
        }
        return model.substring(MODEL_PREFIX.length()).toUpperCase(Locale.ROOT);
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public boolean upstreamStreams() {
        return false;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        JsonNode reply = JsonBodies.parse(body);
        JsonNode translations = reply.path("translations");
        if (!translations.path(0).path("text").isTextual()) {
            return UnexpectedReplies.failure(reply, body);
        }
        int billed = 0;
        for (JsonNode translation : translations) {
            billed += translation.path("billed_characters").asInt(0);
        }
        int characters = billed > 0 ? billed : text.codePointCount(0, text.length());
        Usage usage = Usage.of(characters, 0);
        return new TranslatedBody(status, responses.completion(
                OpenAiResponses.assistant(translations.path(0).path("text").asText()), "stop", usage), usage);
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return ProviderErrors.text(JsonBodies.parse(body), "message", "detail");
    }
}
