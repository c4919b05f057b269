package io.oneapi.storage.options;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompletionRatioTest {
    private final Options defaults = Options.of(Map.of());

    @ParameterizedTest(name = "{0} on channel type {1} -> {2}")
    @CsvSource({
            // explicit built-in entries, channel-specific first
            "llama3-8b-8192, 33, 2",
            "llama3-70b-8192, 33, 1.320754716981132",
            "llama3-70b-8192, 29, 1.3389830508474576",
            "whisper-1, 1, 0",
            "deepseek-chat, 36, 2",
            "deepseek-reasoner, 36, 3.981818181818182",
            // rules, in One API's order
            "gpt-3.5-turbo, 1, 3",
            "gpt-3.5-turbo-0125, 1, 3",
            "gpt-3.5-turbo-1106, 1, 2",
            "gpt-3.5-turbo-16k, 1, 1.3333333333333333",
            "gpt-4o-2024-05-13, 1, 3",
            "gpt-4o, 1, 4",
            "gpt-4o-mini, 1, 4",
            "gpt-4-turbo-2024-04-09, 1, 3",
            "gpt-4-1106-preview, 1, 3",
            "gpt-4, 1, 2",
            "gpt-4-32k, 1, 2",
            "o1-mini, 1, 4",
            "chatgpt-4o-latest, 1, 3",
            "claude-3-5-sonnet-20241022, 14, 5",
            "claude-2.1, 14, 3",
            "mistral-large-latest, 20, 3",
            "gemini-1.5-pro, 24, 3",
            "deepseek-coder, 36, 2",
            "llama2-70b-4096, 29, 1.25",
            "command, 34, 2",
            "command-r, 34, 3",
            "command-r-plus, 34, 5",
            "command-r-internet, 34, 1",
            "qwen-max-internet, 17, 1",
            "grok-beta, 39, 3",
            "meta/llama-2-70b, 42, 4.230769230769231",
            "mistralai/mixtral-8x7b-instruct-v0.1, 42, 3.3333333333333335",
            "o3-mini, 1, 1",
            "something-else, 1, 1",
    })
    void builtInCompletionRatios(String model, int channelType, double expected) {
        assertEquals(expected, defaults.completionRatio(model, channelType));
    }

    @ParameterizedTest
    @CsvSource({"gpt-4, 1, 7", "gpt-4, 2, 8", "deepseek-chat, 36, 0.5"})
    void optionOverridesRules(String model, int channelType, double expected) {
        Options options = Options.of(Map.of(OptionKey.COMPLETION_RATIO.key(),
                "{\"gpt-4\": 7, \"gpt-4(2)\": 8, \"deepseek-chat\": 0.5}"));
        assertEquals(expected, options.completionRatio(model, channelType));
    }
}
