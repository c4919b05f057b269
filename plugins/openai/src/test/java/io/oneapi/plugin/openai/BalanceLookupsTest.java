package io.oneapi.plugin.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oneapi.spi.BalanceQuery;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.UpstreamRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BalanceLookupsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    private static BalanceQuery query(int type, String base, String defaultBase) {
        return BalanceLookups.forChannel(new ChannelInfo(1, type, "c", "sk-k", base, Map.of(), ""), defaultBase, CLOCK);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void openAiUsesTheMonthWithAPaymentMethodAndHundredDaysWithout() {
        BalanceQuery q = query(1, "https://api.openai.com", "https://api.openai.com");
        assertEquals("https://api.openai.com/v1/dashboard/billing/subscription", q.firstRequest().url());
        UpstreamRequest usage = q.onResponse(200, b("{\"has_payment_method\":false,\"hard_limit_usd\":18}"));
        assertEquals("https://api.openai.com/v1/dashboard/billing/usage?start_date=2026-08-21&end_date=2026-11-29",
                usage.url());
        assertNull(q.onResponse(200, b("{\"total_usage\":150}")));
        assertEquals(16.5, q.balance(), 1e-9);
    }

    @Test
    void providerSpecificShapes() {
        BalanceQuery deepseek = query(36, "https://api.deepseek.com", "https://api.deepseek.com");
        assertEquals("https://api.deepseek.com/user/balance", deepseek.firstRequest().url());
        deepseek.onResponse(200, b("{\"is_available\":true,\"balance_infos\":[{\"currency\":\"USD\",\"total_balance\":"
                + "\"1.00\"},{\"currency\":\"CNY\",\"total_balance\":\"110.00\"}]}"));
        assertEquals(110.0, deepseek.balance(), 1e-9);

        BalanceQuery silicon = query(44, "https://api.siliconflow.cn", "https://api.siliconflow.cn");
        silicon.onResponse(200, b("{\"code\":20000,\"data\":{\"totalBalance\":\"9.5\"}}"));
        assertEquals(9.5, silicon.balance(), 1e-9);
        BalanceQuery siliconBad = query(44, "https://api.siliconflow.cn", "https://api.siliconflow.cn");
        assertThrows(IllegalStateException.class, () -> siliconBad.onResponse(200, b("{\"code\":40001}")));

        BalanceQuery router = query(20, "https://openrouter.ai/api", "https://openrouter.ai/api");
        assertEquals("https://openrouter.ai/api/v1/credits", router.firstRequest().url());
        router.onResponse(200, b("{\"data\":{\"total_credits\":10,\"total_usage\":2.5}}"));
        assertEquals(7.5, router.balance(), 1e-9);

        BalanceQuery sb = query(5, "https://api.openai-sb.com", "https://api.openai-sb.com");
        assertEquals("https://api.openai-sb.com/sb-api/user/status?api_key=sk-k", sb.firstRequest().url());
        BalanceQuery aiproxy = query(10, "https://api.aiproxy.io", "https://api.aiproxy.io");
        assertEquals("https://aiproxy.io/api/report/getUserOverview", aiproxy.firstRequest().url());
        assertEquals("sk-k", aiproxy.firstRequest().headers().get(0).value());
    }

    @Test
    void errorsAndUnsupportedTypes() {
        BalanceQuery q = query(4, "https://api.closeai-proxy.xyz", "https://api.closeai-proxy.xyz");
        assertThrows(IllegalStateException.class, () -> q.onResponse(500, b("oops")));
        assertNull(query(3, "https://x.openai.azure.com", ""), "Azure has no balance API");
    }
}
