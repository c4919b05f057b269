package io.oneapi.storage.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private final Options defaults = Options.of(Map.of());

    @Test
    void defaultsAreOneApis() {
        assertEquals(0, defaults.retryTimes());
        assertEquals(500, defaults.preConsumedQuota());
        assertEquals(500_000, defaults.quotaPerUnit());
        assertEquals(1000, defaults.quotaRemindThreshold());
        assertEquals(5.0, defaults.channelDisableThreshold());
        assertEquals(587, defaults.smtpPort());
        assertTrue(defaults.logConsumeEnabled());
        assertTrue(defaults.displayInCurrencyEnabled());
        assertTrue(defaults.displayTokenStatEnabled());
        assertFalse(defaults.approximateTokenEnabled());
        assertFalse(defaults.automaticDisableChannelEnabled());
        assertFalse(defaults.automaticEnableChannelEnabled());
        assertTrue(defaults.flag(OptionKey.PASSWORD_LOGIN_ENABLED));
        assertTrue(defaults.flag(OptionKey.REGISTER_ENABLED));
        assertFalse(defaults.flag(OptionKey.EMAIL_VERIFICATION_ENABLED));
        assertEquals("One API", defaults.get(OptionKey.SYSTEM_NAME));
        assertEquals("default", defaults.get(OptionKey.THEME));
        assertEquals(9, defaults.emailDomainWhitelist().size());
        assertEquals(Map.of("default", 1.0, "vip", 1.0, "svip", 1.0), defaults.groupRatios());
        for (OptionKey key : OptionKey.values()) {
            key.check(key.defaultValue()); // every default passes its own validator
        }
    }

    @Test
    void builtInModelRatiosAreOneApisTable() {
        assertEquals(565, BuiltInRatios.ONE_API_MODEL.size());
        assertEquals(570, BuiltInRatios.MODEL.size(), "One API's table and five models our plugins list by default");
        // Gemini 2.5 at Google's list prices: Pro $1.25 / $10, Flash $0.30 / $2.50, Flash-Lite $0.10 / $0.40 per 1M.
        assertEquals(0.625, defaults.modelRatio("gemini-2.5-pro", 24));
        assertEquals(8, defaults.completionRatio("gemini-2.5-pro", 24));
        assertEquals(0.15, defaults.modelRatio("gemini-2.5-flash", 24));
        assertEquals(2.5 / 0.3, defaults.completionRatio("gemini-2.5-flash", 24), 1e-9);
        assertEquals(0.05, defaults.modelRatio("gemini-2.5-flash-lite", 24));
        assertEquals(4, defaults.completionRatio("gemini-2.5-flash-lite", 24));
        assertEquals(3, defaults.completionRatio("gemini-1.5-pro-002", 24), "One API's rule for gemini-*");
        assertEquals(15, defaults.modelRatio("gpt-4", 1));
        assertEquals(0.075, defaults.modelRatio("gpt-4o-mini", 1));
        assertEquals(7.5, defaults.modelRatio("claude-3-opus-20240229", 14));
        assertEquals(8.52, defaults.modelRatio("ERNIE-4.0-8K", 15), 1e-12); // 0.120 * (500 / 7 as Go integer) = 0.12 * 71
        assertEquals(0.07, defaults.modelRatio("deepseek-chat", 36), 1e-12);
        assertEquals(0.275, defaults.modelRatio("deepseek-reasoner", 36), 1e-12);
        assertEquals(20, defaults.modelRatio("dall-e-3", 1));
        assertEquals(1.4286, defaults.modelRatio("qwen-audio-turbo", 17));
        assertEquals(2.5, defaults.modelRatio("grok-beta", 39));
        assertEquals(0, defaults.modelRatio("glm-4-flash", 16));
        // Groq prices per 1M tokens: 0.05 / 1000000 * 500
        assertEquals(2.5e-5, defaults.modelRatio("llama3-8b-8192", 29), 1e-18);
        assertFalse(BuiltInRatios.MODEL.containsKey("openrouter/auto"), "negative placeholder must not be built in");
    }

    @Test
    void modelRatioLookupOrder() {
        Options options = Options.of(Map.of(OptionKey.MODEL_RATIO.key(),
                "{\"llama3-8b-8192\": 9, \"my-model\": 2, \"my-model(7)\": 3}"));
        assertEquals(3, options.modelRatio("my-model", 7), "model(type) in the option first");
        assertEquals(2, options.modelRatio("my-model", 8), "then model in the option");
        assertEquals(0.15, options.modelRatio("llama3-8b-8192", 33), 1e-12, "built-in model(type) beats option model");
        assertEquals(9, options.modelRatio("llama3-8b-8192", 29), "option model beats built-in model");
        assertEquals(15, options.modelRatio("gpt-4", 1), "built-in keys missing from the stored JSON are added");
        assertEquals(30, options.modelRatio("no-such-model", 1), "unknown models cost 30");
        assertEquals(30, options.modelRatio("no-such-model", 1), "and keep costing 30 after the first warning");
    }

    @Test
    void internetSuffixIsStrippedForQwenAndCommand() {
        assertEquals(defaults.modelRatio("qwen-max", 17), defaults.modelRatio("qwen-max-internet", 17));
        assertEquals(defaults.modelRatio("command-r", 34), defaults.modelRatio("command-r-internet", 34));
        assertEquals(30, defaults.modelRatio("gpt-4-internet", 1), "only qwen- and command- models");
    }

    @Test
    void storedModelRatioGainsMissingBuiltInsAndDropsNegativeEntries() {
        Options options = Options.of(Map.of(OptionKey.MODEL_RATIO.key(),
                "{\"gpt-4\": 1, \"openrouter/auto\": -500000}"));
        assertEquals(1, options.modelRatio("gpt-4", 1), "stored value wins over built-in");
        assertEquals(30, options.modelRatio("openrouter/auto", 20));
        Map<String, Double> merged = RatioJson.parseStrict(options.get(OptionKey.MODEL_RATIO));
        assertEquals(570, merged.size());
        assertEquals(0.625, merged.get("gemini-2.5-pro"), "our additions reach stored tables too");
        assertEquals(1.0, merged.get("gpt-4"));
    }

    @Test
    void groupRatios() {
        Options options = Options.of(Map.of(OptionKey.GROUP_RATIO.key(), "{\"default\":1,\"vip\":0.5}"));
        assertEquals(0.5, options.groupRatio("vip"));
        assertEquals(1, options.groupRatio("svip"), "removed group is unknown, and unknown groups cost 1");
        assertEquals(1, options.groupRatio("nobody"));
        assertEquals(2, options.groupRatios().size(), "group ratio keeps only what the admin stored");
    }

    @Test
    void invalidStoredValuesFallBackToDefaults() {
        Options options = Options.of(Map.of("RetryTimes", "abc", "LogConsumeEnabled", "yes",
                "ModelRatio", "not json", "QuotaPerUnit", "0", "SMTPPort", "70000", "FileUploadPermission", "1"));
        assertEquals(0, options.retryTimes());
        assertTrue(options.logConsumeEnabled());
        assertEquals(15, options.modelRatio("gpt-4", 1));
        assertEquals(500_000, options.quotaPerUnit());
        assertEquals(587, options.smtpPort());
        assertEquals("1", options.get("FileUploadPermission"), "unknown stored keys are kept as they are");
    }

    @Test
    void listingHidesSecrets() {
        Options options = Options.of(Map.of("SMTPToken", "smtp-pass", "GitHubClientSecret", "gh",
                "TurnstileSecretKey", "ts", "SomeForkToken", "x", "SystemName", "Mine"));
        Map<String, String> visible = options.publicValues();
        assertEquals("Mine", visible.get("SystemName"));
        for (String secret : new String[] {"SMTPToken", "GitHubClientSecret", "LarkClientSecret", "OidcClientSecret",
                "WeChatServerToken", "MessagePusherToken", "TurnstileSecretKey", "SomeForkToken"}) {
            assertFalse(visible.containsKey(secret), secret);
            assertTrue(OptionKey.isSecret(secret), secret);
        }
        assertEquals("smtp-pass", options.get("SMTPToken"), "the server itself can still read secrets");
        assertTrue(visible.containsKey("TurnstileSiteKey"));
        assertNull(options.get("NeverStored"));
    }
}
