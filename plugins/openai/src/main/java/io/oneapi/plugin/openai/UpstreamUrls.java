package io.oneapi.plugin.openai;

import static io.oneapi.plugin.openai.ChannelTypes.ALI_BAILIAN;
import static io.oneapi.plugin.openai.ChannelTypes.AZURE;
import static io.oneapi.plugin.openai.ChannelTypes.BAIDU_V2;
import static io.oneapi.plugin.openai.ChannelTypes.DOUBAO;
import static io.oneapi.plugin.openai.ChannelTypes.GEMINI_OPENAI;
import static io.oneapi.plugin.openai.ChannelTypes.MINIMAX;
import static io.oneapi.plugin.openai.ChannelTypes.NOVITA;
import static io.oneapi.plugin.openai.ChannelTypes.OPENAI;
import static io.oneapi.plugin.openai.ChannelTypes.OPENAI_COMPATIBLE;

import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.RelayMode;

/**
 * One API's URL rules for OpenAI-family channels (inventory section 4.3): base URL + client path by
 * default, Azure deployment URLs, fixed endpoints for the custom-URL types, SDK-style base URLs for
 * OpenAI-compatible and Gemini-OpenAI, and the Cloudflare AI Gateway prefix rules.
 */
final class UpstreamUrls {
    static final String DEFAULT_AZURE_API_VERSION = "2024-03-01-preview";
    static final String UNSUPPORTED_MODE = "unsupported relay mode";
    private static final String CLOUDFLARE_GATEWAY = "https://gateway.ai.cloudflare.com";
    private static final String AZURE_DEPLOYMENTS = "/openai/deployments";

    private UpstreamUrls() {
    }

    /**
     * The upstream URL for one attempt.
     *
     * @throws IllegalArgumentException when the type has no endpoint for the relay mode
     */
    static String of(ExchangeContext context, String baseUrl) {
        String base = requireBase(context, baseUrl);
        String path = context.requestPath();
        String query = context.query().isEmpty() ? "" : "?" + context.query();
        RelayMode mode = context.mode();
        return switch (context.channel().type()) {
            case AZURE -> azure(context, base);
            case MINIMAX -> chatOnly(mode, base + "/v1/text/chatcompletion_v2");
            case NOVITA -> chatOnly(mode, base + "/chat/completions");
            case BAIDU_V2 -> chatOnly(mode, base + "/v2/chat/completions");
            case DOUBAO -> chatOrEmbeddings(mode, base + "/api/v3");
            case ALI_BAILIAN -> chatOrEmbeddings(mode, base + "/compatible-mode/v1");
            case OPENAI_COMPATIBLE, GEMINI_OPENAI -> base + withoutVersion(path) + query;
            case OPENAI -> (isCloudflareGateway(base) ? base + withoutVersion(path) : base + path) + query;
            default -> base + path + query;
        };
    }

    /** Azure ignores the client's query string: the only parameter it takes is {@code api-version}. */
    private static String azure(ExchangeContext context, String base) {
        String apiVersion = "?api-version=" + azureApiVersion(context.channel());
        String model = context.upstreamModel();
        if (context.mode() == RelayMode.IMAGES_GENERATIONS) {
            return base + AZURE_DEPLOYMENTS + "/" + model + "/images/generations" + apiVersion;
        }
        String task = context.requestPath().startsWith("/v1/")
                ? context.requestPath().substring("/v1/".length())
                : context.requestPath().replaceFirst("^/+", "");
        // Azure deployment names cannot contain dots: gpt-3.5-turbo is deployed as gpt-35-turbo.
        String deployment = model.replace(".", "");
        String suffix = "/" + deployment + "/" + task + apiVersion;
        return isCloudflareGateway(base) ? base + suffix : base + AZURE_DEPLOYMENTS + suffix;
    }

    /** The channel's {@code api_version} setting, else the legacy {@code other} column, else the UI default. */
    static String azureApiVersion(ChannelInfo channel) {
        String legacy = channel.other().isBlank() ? DEFAULT_AZURE_API_VERSION : channel.other().trim();
        return channel.setting("api_version", legacy).trim();
    }

    private static String chatOnly(RelayMode mode, String url) {
        if (mode != RelayMode.CHAT_COMPLETIONS) {
            throw new IllegalArgumentException(UNSUPPORTED_MODE);
        }
        return url;
    }

    private static String chatOrEmbeddings(RelayMode mode, String prefix) {
        return switch (mode) {
            case CHAT_COMPLETIONS -> prefix + "/chat/completions";
            case EMBEDDINGS -> prefix + "/embeddings";
            default -> throw new IllegalArgumentException(UNSUPPORTED_MODE);
        };
    }

    /** Removes the leading {@code /v1} segment: SDK-style base URLs already carry the version. */
    private static String withoutVersion(String path) {
        if (path.equals("/v1")) {
            return "";
        }
        return path.startsWith("/v1/") ? path.substring("/v1".length()) : path;
    }

    private static boolean isCloudflareGateway(String base) {
        return base.startsWith(CLOUDFLARE_GATEWAY);
    }

    /**
     * The base URL without trailing slashes (the UI strips them too).
     *
     * @throws IllegalArgumentException when neither the channel nor its type has one
     */
    static String requireBase(ExchangeContext context, String baseUrl) {
        if (baseUrl.isBlank()) {
            throw new IllegalArgumentException("channel " + context.channel().id() + " has no base URL");
        }
        String trimmed = baseUrl.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
