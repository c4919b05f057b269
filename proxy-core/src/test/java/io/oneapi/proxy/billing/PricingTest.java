package io.oneapi.proxy.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oneapi.storage.options.Options;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PricingTest {
    private static final Options OPTIONS =
            Options.of(Map.of("GroupRatio", "{\"default\": 1, \"vip\": 0.5, \"free\": 0}"));
    /** Loading the vocabularies takes a while: one counter for the whole class. */
    private static final TokenCounter TOKENS = new TokenCounter(() -> OPTIONS);
    private final Pricing pricing = new Pricing(() -> OPTIONS, TOKENS);

    @ParameterizedTest(name = "{0}: {1} prompt + {2} completion in {3} = {4}")
    @CsvSource({
            "gpt-4, 10, 5, default, 300",          // (10 + 5 x 2) x 15
            "gpt-4, 10, 5, vip, 150",
            "gpt-3.5-turbo, 3, 1, default, 2",     // (3 + 1 x 3) x 0.25 = 1.5 -> ceil
            "gemma-7b-it, 10, 0, default, 1",      // 0.00035 -> ceil -> 1
            "llama3-8b-8192, 1, 0, default, 1",    // tiny ratio still costs at least 1
            "glm-4-flash, 1000, 1000, default, 0", // free model: ratio 0 stays 0
            "gpt-4, 1000, 1000, free, 0",          // free group
            "gpt-4, 0, 0, default, 0",             // no tokens, no charge
            "whisper-1, 10, 100, default, 150",    // completion ratio 0: only input counted
            "no-such-model, 1, 1, default, 60",    // unknown model: ratio 30, completion ratio 1
    })
    void textQuota(String model, int prompt, int completion, String group, long expected) {
        assertEquals(expected, pricing.textQuota(prompt, completion, model, 1, group));
    }

    @Test
    void channelSpecificPrices() {
        // AWS (type 33) llama3-70b: 1.325 ratio, 0.0035 / 0.00265 completion ratio
        assertEquals((long) Math.ceil((100 + 100 * 1.320754716981132) * 1.325),
                pricing.textQuota(100, 100, "llama3-70b-8192", 33, "default"));
    }

    @Test
    void preConsumption() {
        assertEquals(9_000, pricing.preConsumeQuota(100, 0, "gpt-4", 1, "default")); // (500 + 100) x 15
        assertEquals(12_000, pricing.preConsumeQuota(100, 200, "gpt-4", 1, "default")); // (500 + 100 + 200) x 15
        assertEquals(125, pricing.preConsumeQuota(1, 0, "gpt-3.5-turbo", 1, "default")); // 125.25 truncated
        assertEquals(0, pricing.preConsumeQuota(100, 100, "glm-4-flash", 16, "default"));
        Options noPreConsume = Options.of(Map.of("PreConsumedQuota", "0"));
        Pricing p = new Pricing(() -> noPreConsume, TOKENS);
        assertEquals(1_500, p.preConsumeQuota(100, 0, "gpt-4", 1, "default"));
    }

    @Test
    void pricesAreFixedPerRequest() {
        TextPrice price = pricing.textPrice("gpt-4", 1, "vip");
        assertEquals(15, price.modelRatio());
        assertEquals(0.5, price.groupRatio());
        assertEquals(2, price.completionRatio());
        assertEquals("model ratio 15.00, group ratio 0.50, completion ratio 2.00", price.logContent());
        assertEquals("model ratio 15.00, group ratio 1.00, completion ratio 2.00",
                pricing.ratioLogContent("gpt-4", 1, "default"));
    }

    @ParameterizedTest(name = "{0} {1} {2} x{3} on type {4} = {5}")
    @CsvSource({
            "dall-e-3, 1024x1024, standard, 1, 1, 20000",
            "dall-e-3, 1024x1024, hd, 1, 1, 40000",
            "dall-e-3, 1792x1024, hd, 1, 1, 60000",
            "dall-e-3, 1024x1792, '', 1, 1, 40000",
            "dall-e-2, 512x512, '', 3, 1, 33750",    // 10 x 1.125 x 1000 x 3
            "dall-e-2, 256x256, hd, 10, 1, 100000",  // hd only matters for dall-e-3
            "'', '', '', 0, 1, 12500",               // defaults: dall-e-2, 1024x1024, n = 1
            "cogview-3, 999x999, '', 1, 16, 7100",   // cogview-3 skips the size check; 0.1 x 71 x 1000
            "black-forest-labs/flux-schnell, 1024x1024, '', 4, 46, 1500", // Replicate: n not billed
    })
    void imageQuota(String model, String size, String quality, int n, int type, long expected) {
        ImageQuote quote = pricing.imageQuote(model, "a cat", size, quality, n, type, "default");
        assertEquals(expected, quote.quota());
    }

    @Test
    void imageLogContent() {
        assertEquals("model ratio 20.00, group ratio 0.50",
                pricing.imageQuote("dall-e-3", "a cat", "1024x1024", "", 1, 1, "vip").logContent());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "prompt_missing|dall-e-3|''|1024x1024|1",
            "size_not_supported|dall-e-3|a cat|256x256|1",
            "size_not_supported|wanx-v1|a cat|512x512|1",
            "n_not_within_range|dall-e-3|a cat|1024x1024|2",
            "n_not_within_range|dall-e-2|a cat|1024x1024|11",
            "n_not_within_range|dall-e-2|a cat|1024x1024|-1",
    })
    void invalidImageRequests(String code, String model, String prompt, String size, int n) {
        PricingException e = assertThrows(PricingException.class,
                () -> pricing.imageQuote(model, prompt, size, "", n, 1, "default"));
        assertEquals(code, e.code());
        assertEquals(400, e.status());
    }

    @Test
    void imagePromptLimitIsInBytes() {
        assertEquals(12_500, pricing.imageQuote("dall-e-2", "x".repeat(1000), "", "", 1, 1, "default").quota());
        PricingException e = assertThrows(PricingException.class,
                () -> pricing.imageQuote("dall-e-2", "猫".repeat(334), "", "", 1, 1, "default")); // 1002 bytes
        assertEquals("prompt_too_long", e.code());
    }

    @Test
    void speechIsBilledByUtf8Bytes() {
        assertEquals(37, pricing.speechQuota("hello", "tts-1", 1, "default")); // 5 x 7.5
        assertEquals(45, pricing.speechQuota("你好", "tts-1", 1, "default")); // 6 bytes x 7.5
        assertEquals(90, pricing.speechQuota("你好", "tts-1-hd", 1, "default"));
        assertEquals(0, pricing.speechQuota("", "tts-1", 1, "default"));
        assertEquals(4096 * 3 * 15, pricing.speechQuota("猫".repeat(4096), "tts-1-hd", 1, "default"));
        PricingException e = assertThrows(PricingException.class,
                () -> pricing.speechQuota("a".repeat(4097), "tts-1", 1, "default"));
        assertEquals("text_too_long", e.code());
        assertEquals("model ratio 7.50, group ratio 1.00", pricing.audioLogContent("tts-1", 1, "default"));
    }

    @Test
    void transcriptionReservesPreConsumedQuotaAndBillsTranscriptTokens() {
        assertEquals(7_500, pricing.transcriptionPreConsumeQuota("whisper-1", 1, "default")); // 500 x 15
        assertEquals(3_750, pricing.transcriptionPreConsumeQuota("whisper-1", 1, "vip"));
        assertEquals(2, pricing.transcriptionQuota("hello world", "whisper-1"), "no ratio applied");
        assertEquals(0, pricing.transcriptionQuota("", "whisper-1"));
    }

    /** The log text's fast two-decimal formatting writes exactly what String.format("%.2f") writes. */
    @org.junit.jupiter.api.Test
    void twoDecimalsMatchesStringFormat() {
        java.util.Random random = new java.util.Random(42);
        double[] fixed = {0, 0.005, 0.015, 0.125, 0.375, 1.005, 2.675, 7.5, 15, 0.0001, 99.995, 123456.789, 1e14};
        for (double v : fixed) {
            assertEquals(String.format(java.util.Locale.ROOT, "%.2f", v), TextPrice.twoDecimals(v), "value " + v);
        }
        for (int i = 0; i < 100_000; i++) {
            double v = random.nextInt(1_000_000) / 1000.0 * (random.nextBoolean() ? 1 : 0.37);
            assertEquals(String.format(java.util.Locale.ROOT, "%.2f", v), TextPrice.twoDecimals(v), "value " + v);
        }
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", -1.5), TextPrice.twoDecimals(-1.5));
    }
}
