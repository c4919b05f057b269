package io.oneapi.plugin.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.spi.BalanceQuery;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.UpstreamRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.ToDoubleFunction;

/**
 * Balance lookups of the OpenAI-family types One API supports (inventory section 3.6). Hosts follow the
 * channel's base URL, so a channel that overrides it (a mirror, a test double) is asked there; the
 * provider's own host is used when the channel keeps the type's default.
 */
final class BalanceLookups {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BalanceLookups() {
    }

    /** The query for the channel's type, or null when One API has none for it. */
    static BalanceQuery forChannel(ChannelInfo channel, String defaultBaseUrl, Clock clock) {
        String base = channel.baseUrl().isBlank() ? defaultBaseUrl : channel.baseUrl();
        boolean customBase = !base.equals(defaultBaseUrl);
        String key = channel.key();
        return switch (channel.type()) {
            case 1, 8 -> new OpenAiSubscription(base, key, clock);
            case 4, 13 -> single(bearer(base + "/dashboard/billing/credit_grants", key),
                    n -> n.path("total_available").asDouble());
            case 12 -> single(bearer(base + "/dashboard/billing/credit_grants", key),
                    n -> n.path("total_remaining").asDouble());
            case 5 -> single(UpstreamRequest.builder("GET", (customBase ? base : "https://api.openai-sb.com")
                            + "/sb-api/user/status?api_key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)).build(),
                    n -> number(n.path("data").path("credit")));
            case 10 -> single(UpstreamRequest.builder("GET", (customBase ? base : "https://aiproxy.io")
                            + "/api/report/getUserOverview").header("Api-Key", key).build(),
                    n -> n.path("data").path("totalPoints").asDouble());
            case 20 -> single(bearer(base + "/v1/credits", key),
                    n -> n.path("data").path("total_credits").asDouble() - n.path("data").path("total_usage").asDouble());
            case 36 -> single(bearer(base + "/user/balance", key), BalanceLookups::deepSeekCny);
            case 44 -> single(bearer(base + "/v1/user/info", key), BalanceLookups::siliconFlow);
            default -> null;
        };
    }

    private static UpstreamRequest bearer(String url, String key) {
        return UpstreamRequest.builder("GET", url).header("Authorization", "Bearer " + key)
                .header("Accept", "application/json").build();
    }

    private static double deepSeekCny(JsonNode n) {
        for (JsonNode info : n.path("balance_infos")) {
            if ("CNY".equals(info.path("currency").asText())) {
                return number(info.path("total_balance"));
            }
        }
        throw new IllegalStateException("no CNY balance in the answer");
    }

    private static double siliconFlow(JsonNode n) {
        if (n.path("code").asInt() != 20000) {
            throw new IllegalStateException("code " + n.path("code").asText() + ": " + n.path("message").asText());
        }
        return number(n.path("data").path("totalBalance"));
    }

    /** Providers send numbers as JSON numbers or as strings. */
    static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return Double.parseDouble(node.asText());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("not a number: " + node.asText());
        }
    }

    static JsonNode read(int status, byte[] body) {
        if (status < 200 || status >= 300) {
            String text = new String(body, StandardCharsets.UTF_8);
            throw new IllegalStateException("status " + status + ": " + (text.length() > 300 ? text.substring(0, 300)
                    : text));
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the answer is not JSON");
        }
    }

    private static BalanceQuery single(UpstreamRequest request, ToDoubleFunction<JsonNode> reader) {
        return new BalanceQuery() {
            private double balance;

            @Override
            public UpstreamRequest firstRequest() {
                return request;
            }

            @Override
            public UpstreamRequest onResponse(int status, byte[] body) {
                balance = reader.applyAsDouble(read(status, body));
                return null;
            }

            @Override
            public double balance() {
                return balance;
            }
        };
    }

    /** OpenAI: the hard limit from the subscription, minus this period's usage (cents). */
    private static final class OpenAiSubscription implements BalanceQuery {
        private final String base;
        private final String key;
        private final Clock clock;
        private double hardLimit;
        private boolean subscriptionRead;
        private double balance;

        OpenAiSubscription(String base, String key, Clock clock) {
            this.base = base;
            this.key = key;
            this.clock = clock;
        }

        @Override
        public UpstreamRequest firstRequest() {
            return bearer(base + "/v1/dashboard/billing/subscription", key);
        }

        @Override
        public UpstreamRequest onResponse(int status, byte[] body) {
            JsonNode node = read(status, body);
            if (!subscriptionRead) {
                subscriptionRead = true;
                hardLimit = node.path("hard_limit_usd").asDouble();
                LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
                LocalDate start = node.path("has_payment_method").asBoolean()
                        ? today.withDayOfMonth(1) : today.minusDays(100);
                return bearer(base + "/v1/dashboard/billing/usage?start_date=" + start + "&end_date=" + today, key);
            }
            balance = hardLimit - node.path("total_usage").asDouble() / 100;
            return null;
        }

        @Override
        public double balance() {
            return balance;
        }
    }
}
