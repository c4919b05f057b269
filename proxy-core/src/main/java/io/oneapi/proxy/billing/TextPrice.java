package io.oneapi.proxy.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ratios of one text request, fixed when it is reserved so that settlement uses the same prices even if an
 * admin edits the ratios meanwhile (One API does the same).
 */
public record TextPrice(double modelRatio, double groupRatio, double completionRatio, long preConsumedQuota) {

    /** modelRatio x groupRatio, multiplied in One API's order. */
    public double ratio() {
        return modelRatio * groupRatio;
    }

    /**
     * One API's formula: {@code ceil((prompt + completion x completionRatio) x ratio)}; at least 1 when the ratio is
     * not 0; 0 when no token was used at all.
     */
    public long quota(int promptTokens, int completionTokens) {
        if (promptTokens + (long) completionTokens == 0) {
            return 0;
        }
        double ratio = ratio();
        long quota = (long) Math.ceil((promptTokens + completionTokens * completionRatio) * ratio);
        return ratio != 0 && quota <= 0 ? 1 : quota;
    }

    /**
     * The reservation before the upstream call: {@code int((PreConsumedQuota + prompt + max_tokens) x ratio)}
     * ({@code maxTokens} 0 when the client set none).
     */
    public long preConsumeQuota(int promptTokens, int maxTokens) {
        long tokens = preConsumedQuota + promptTokens + (long) Math.max(0, maxTokens);
        return (long) (tokens * ratio());
    }

    /** The consume log's content, e.g. {@code model ratio 15.00, group ratio 1.00, completion ratio 2.00}. */
    public String logContent() {
        // As String.format("%.2f") would write them (ratios are never negative), without its cost per request.
        return "model ratio " + twoDecimals(modelRatio) + ", group ratio " + twoDecimals(groupRatio)
                + ", completion ratio " + twoDecimals(completionRatio);
    }

    /** Ratios take few distinct values: their text is kept (bounded) rather than formatted per request. */
    private static final ConcurrentHashMap<Double, String> TEXT = new ConcurrentHashMap<>();

    static String twoDecimals(double value) {
        String known = TEXT.get(value);
        if (known != null) {
            return known;
        }
        String text = formatTwoDecimals(value);
        if (TEXT.size() < 4_096) {
            TEXT.put(value, text);
        }
        return text;
    }

    private static String formatTwoDecimals(double value) {
        if (!(value >= 0) || value >= 1e15) {
            return String.format(Locale.ROOT, "%.2f", value); // NaN, negative or huge: the general path
        }
        long hundredths = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP)
                .unscaledValue().longValueExact();
        long cents = hundredths % 100;
        return (hundredths / 100) + (cents < 10 ? ".0" : ".") + cents;
    }
}
