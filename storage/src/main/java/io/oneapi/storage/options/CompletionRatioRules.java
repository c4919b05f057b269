package io.oneapi.storage.options;

import java.util.Map;

/**
 * One API's completion ratios for models without an explicit entry (relay/billing/ratio/model.go,
 * GetCompletionRatio), in One API's order. Kept verbatim for billing compatibility, including its gaps
 * (e.g. o3-mini falls through to 1): admins override with the CompletionRatio option.
 */
final class CompletionRatioRules {
    // Quotients written out as Go's exact constant arithmetic rounds them (0.79 / 0.59 in double differs).
    private static final Map<String, Double> FIXED = Map.ofEntries(
            Map.entry("llama2-70b-4096", 1.25),
            Map.entry("llama3-8b-8192", 2.0),
            Map.entry("llama3-70b-8192", 1.3389830508474576),
            Map.entry("command", 2.0),
            Map.entry("command-light", 2.0),
            Map.entry("command-nightly", 2.0),
            Map.entry("command-light-nightly", 2.0),
            Map.entry("command-r", 3.0),
            Map.entry("command-r-plus", 5.0),
            Map.entry("grok-beta", 3.0),
            // Replicate language models: output price / input price
            Map.entry("ibm-granite/granite-20b-code-instruct-8k", 5.0),
            Map.entry("ibm-granite/granite-3.0-2b-instruct", 8.333333333333334),
            Map.entry("ibm-granite/granite-3.0-8b-instruct", 5.0),
            Map.entry("ibm-granite/granite-8b-code-instruct-128k", 5.0),
            Map.entry("meta/llama-2-13b", 5.0),
            Map.entry("meta/llama-2-13b-chat", 5.0),
            Map.entry("meta/llama-2-7b", 5.0),
            Map.entry("meta/llama-2-7b-chat", 5.0),
            Map.entry("meta/meta-llama-3-8b", 5.0),
            Map.entry("meta/meta-llama-3-8b-instruct", 5.0),
            Map.entry("meta/llama-2-70b", 4.230769230769231),
            Map.entry("meta/llama-2-70b-chat", 4.230769230769231),
            Map.entry("meta/meta-llama-3-70b", 4.230769230769231),
            Map.entry("meta/meta-llama-3-70b-instruct", 4.230769230769231),
            Map.entry("meta/meta-llama-3.1-405b-instruct", 1.0),
            Map.entry("mistralai/mistral-7b-instruct-v0.2", 5.0),
            Map.entry("mistralai/mistral-7b-v0.1", 5.0),
            Map.entry("mistralai/mixtral-8x7b-instruct-v0.1", 3.3333333333333335));

    private CompletionRatioRules() {
    }

    static double ratioFor(String name) {
        if (name.startsWith("gpt-3.5")) {
            if (name.equals("gpt-3.5-turbo") || name.endsWith("0125")) {
                return 3;
            }
            return name.endsWith("1106") ? 2 : 4.0 / 3.0;
        }
        if (name.startsWith("gpt-4")) {
            if (name.startsWith("gpt-4o")) {
                return name.equals("gpt-4o-2024-05-13") ? 3 : 4;
            }
            return name.startsWith("gpt-4-turbo") || name.endsWith("preview") ? 3 : 2;
        }
        if (name.startsWith("o1")) {
            return 4;
        }
        if (name.equals("chatgpt-4o-latest")) {
            return 3;
        }
        if (name.startsWith("claude-3")) {
            return 5;
        }
        if (name.startsWith("claude-") || name.startsWith("mistral-") || name.startsWith("gemini-")) {
            return 3;
        }
        if (name.startsWith("deepseek-")) {
            return 2;
        }
        return FIXED.getOrDefault(name, 1.0);
    }
}
