package io.oneapi.plugin.anthropic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model names as Bedrock model ids: Claude and Llama 3 (One API's tables, relay/adaptor/aws/claude/main.go and
 * relay/adaptor/aws/llama3/main.go).
 */
final class BedrockModels {
    private static final Map<String, String> IDS = new LinkedHashMap<>();

    static {
        IDS.put("claude-instant-1.2", "anthropic.claude-instant-v1");
        IDS.put("claude-2.0", "anthropic.claude-v2");
        IDS.put("claude-2.1", "anthropic.claude-v2:1");
        IDS.put("claude-3-haiku-20240307", "anthropic.claude-3-haiku-20240307-v1:0");
        IDS.put("claude-3-sonnet-20240229", "anthropic.claude-3-sonnet-20240229-v1:0");
        IDS.put("claude-3-opus-20240229", "anthropic.claude-3-opus-20240229-v1:0");
        IDS.put("claude-3-5-sonnet-20240620", "anthropic.claude-3-5-sonnet-20240620-v1:0");
        IDS.put("claude-3-5-sonnet-20241022", "anthropic.claude-3-5-sonnet-20241022-v2:0");
        IDS.put("claude-3-5-sonnet-latest", "anthropic.claude-3-5-sonnet-20241022-v2:0");
        IDS.put("claude-3-5-haiku-20241022", "anthropic.claude-3-5-haiku-20241022-v1:0");
        IDS.put("llama3-8b-8192", "meta.llama3-8b-instruct-v1:0");
        IDS.put("llama3-70b-8192", "meta.llama3-70b-instruct-v1:0");
    }

    /** The AWS channel's default models. */
    static final List<String> NAMES = List.copyOf(IDS.keySet());

    private BedrockModels() {
    }

    /** Whether the model is a Meta Llama (prompt-template API) rather than Claude (Messages API). */
    static boolean isLlama(String model) {
        String id = IDS.getOrDefault(model, model);
        return id.startsWith("meta.llama") || id.contains(".meta.llama") || id.contains("/meta.llama");
    }

    /**
     * The Bedrock model id. Beyond One API, a name that already is a Bedrock id, an inference profile
     * ({@code us.anthropic...}, {@code us.meta...}) or an ARN goes through as it is, so newer models work through
     * model mapping.
     */
    static String idFor(String model) {
        String id = IDS.get(model);
        if (id != null) {
            return id;
        }
        if (model.startsWith("anthropic.") || model.contains(".anthropic.") || model.startsWith("meta.llama")
                || model.contains(".meta.llama") || model.startsWith("arn:aws")) {
            return model;
        }
        throw new IllegalArgumentException("model " + model + " is not available on AWS Bedrock");
    }
}
