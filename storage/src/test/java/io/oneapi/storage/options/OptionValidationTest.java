package io.oneapi.storage.options;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionValidationTest {

    @ParameterizedTest(name = "{0} accepts [{1}]")
    @CsvSource(delimiter = '|', value = {
            "LogConsumeEnabled|true", "LogConsumeEnabled|false",
            "RetryTimes|0", "RetryTimes|3", "RetryTimes|2147483647",
            "PreConsumedQuota|0", "PreConsumedQuota|9223372036854775807",
            "QuotaPerUnit|500000", "QuotaPerUnit|0.5", "QuotaPerUnit|5e5",
            "ChannelDisableThreshold|0", "ChannelDisableThreshold|2.5",
            "SMTPPort|465", "SMTPPort|1", "SMTPPort|65535",
            "ServerAddress|''", "ServerAddress|https://api.example.com", "TopUpLink|http://shop.example.com/buy?x=1",
            "ModelRatio|{}", "ModelRatio|{\"gpt-4\": 15, \"x(33)\": 0.000035}", "GroupRatio|{\"default\": 0}",
            "Theme|berry", "Notice|# anything **goes**", "SMTPToken|''",
    })
    void acceptsValidValues(String key, String value) {
        assertDoesNotThrow(() -> OptionKey.fromKey(key).orElseThrow().check(value));
    }

    @ParameterizedTest(name = "{0} refuses [{1}]")
    @CsvSource(delimiter = '|', value = {
            "LogConsumeEnabled|yes", "LogConsumeEnabled|TRUE", "LogConsumeEnabled|''",
            "RetryTimes|-1", "RetryTimes|1.5", "RetryTimes|abc", "RetryTimes|2147483648", "RetryTimes|' 1'",
            "PreConsumedQuota|-500", "PreConsumedQuota|99999999999999999999",
            "QuotaPerUnit|0", "QuotaPerUnit|-1", "QuotaPerUnit|NaN", "QuotaPerUnit|Infinity", "QuotaPerUnit|1e400",
            "QuotaPerUnit|0x10",
            "ChannelDisableThreshold|-2",
            "SMTPPort|0", "SMTPPort|65536", "SMTPPort|smtp",
            "ServerAddress|example.com", "ServerAddress|ftp://example.com", "ServerAddress|javascript:alert(1)",
            "WeChatServerAddress|http://", "MessagePusherAddress|not a url",
            "ModelRatio|not json", "ModelRatio|[1,2]", "ModelRatio|{\"gpt-4\": \"15\"}",
            "ModelRatio|{\"gpt-4\": -1}", "ModelRatio|{\"gpt-4\": 1} trailing", "ModelRatio|{\"gpt-4\": 1, \"gpt-4\": 2}",
            "ModelRatio|{\"\": 1}", "ModelRatio|''", "CompletionRatio|{\"a\": null}", "GroupRatio|{\"vip\": true}",
            "Theme|dark",
    })
    void refusesInvalidValues(String key, String value) {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> OptionKey.fromKey(key).orElseThrow().check(value));
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void messagesNameTheKeyAndExpectation() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> OptionKey.RETRY_TIMES.check("abc"));
        assertEquals("RetryTimes: abc (expected: a non-negative integer)", e.getMessage());
    }

    @Test
    void secretValuesAreNeverEchoed() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> OptionKey.SMTP_TOKEN.check("x".repeat(70_000)));
        assertFalse(e.getMessage().contains("xxx"), e.getMessage());
    }

    @Test
    void hugeValuesAreRefused() {
        assertThrows(InvalidOptionException.class, () -> OptionKey.NOTICE.check("n".repeat(65_536)));
        assertDoesNotThrow(() -> OptionKey.NOTICE.check("n".repeat(65_535)));
    }

    @Test
    void secretKeysFollowOneApisSuffixRule() {
        assertTrue(OptionKey.SMTP_TOKEN.secret());
        assertTrue(OptionKey.GITHUB_CLIENT_SECRET.secret());
        assertTrue(OptionKey.TURNSTILE_SECRET_KEY.secret());
        assertTrue(OptionKey.WECHAT_SERVER_TOKEN.secret());
        assertTrue(OptionKey.MESSAGE_PUSHER_TOKEN.secret());
        assertFalse(OptionKey.TURNSTILE_SITE_KEY.secret());
        assertFalse(OptionKey.GITHUB_CLIENT_ID.secret());
        long secrets = java.util.Arrays.stream(OptionKey.values()).filter(OptionKey::secret).count();
        assertEquals(7, secrets);
    }
}
