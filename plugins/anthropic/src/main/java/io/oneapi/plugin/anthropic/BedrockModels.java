package io.oneapi.plugin.anthropic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Claude model names as Bedrock model ids (One API's table, relay/adaptor/aws/claude/main.go). */
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
    }

    /** The AWS channel's default models. */
    static final List<String> NAMES = List.copyOf(IDS.keySet());

    private BedrockModels() {
    }

    /**
     * The Bedrock model id. Beyond One API, a name that already is a Bedrock id, an inference profile
     * ({@code us.anthropic...}) or an ARN goes through as it is, so newer models work through model mapping.
     */
    static String idFor(String model) {
        String id = IDS.get(model);
        if (id != null) {
            return id;
        }
        if (model.startsWith("anthropic.") || model.contains(".anthropic.") || model.startsWith("arn:aws")) {
            return model;
        }
        throw new IllegalArgumentException("model " + model + " is not available on AWS Bedrock");
    }
}
