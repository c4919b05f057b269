package io.oneapi.admin.account;

import io.oneapi.storage.options.LiveOptions;
import io.oneapi.storage.options.Options;

import java.util.Locale;

/**
 * Quota as log texts show it, One API's {@code LogQuota}: dollars with six decimals when
 * {@code DisplayInCurrencyEnabled}, else raw quota points.
 */
public final class QuotaText {
    private final LiveOptions options;

    public QuotaText(LiveOptions options) {
        this.options = options;
    }

    public String of(long quota) {
        Options current = options.current();
        if (current.displayInCurrencyEnabled()) {
            double perUnit = current.quotaPerUnit();
            double dollars = perUnit > 0 ? quota / perUnit : 0;
            return String.format(Locale.ROOT, "$%.6f", dollars);
        }
        return quota + " quota points";
    }
}
