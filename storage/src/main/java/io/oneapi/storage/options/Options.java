package io.oneapi.storage.options;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of every runtime option. The relay and the admin server read one snapshot per request
 * ({@link LiveOptions#current()}), so a request never sees half of an update. Values were validated when the
 * snapshot was built, so the typed getters cannot fail.
 */
public final class Options {
    private final Map<String, String> values;
    private final RatioTables ratios;

    private Options(Map<String, String> values, RatioTables ratios) {
        this.values = values;
        this.ratios = ratios;
    }

    /** A snapshot of One API's defaults overlaid with {@code stored} rows (invalid stored values are skipped). */
    public static Options of(Map<String, String> stored) {
        return build(OptionValues.merge(OptionValues.defaults(Map.of()), stored));
    }

    static Options build(Map<String, String> values) {
        RatioTables ratios = new RatioTables(
                RatioJson.parseStrict(values.get(OptionKey.MODEL_RATIO.key())),
                RatioJson.parseStrict(values.get(OptionKey.COMPLETION_RATIO.key())),
                RatioJson.parseStrict(values.get(OptionKey.GROUP_RATIO.key())));
        return new Options(Map.copyOf(values), ratios);
    }

    /** The raw value of any key (known or not), or null when the key is unknown and not stored. */
    public String get(String key) {
        return values.get(key);
    }

    public String get(OptionKey key) {
        return values.get(key.key());
    }

    /** Every option except secrets, keyed by option name, sorted by key (for {@code GET /api/option}). */
    public Map<String, String> publicValues() {
        Map<String, String> visible = new LinkedHashMap<>();
        values.keySet().stream().sorted().filter(key -> !OptionKey.isSecret(key))
                .forEach(key -> visible.put(key, values.get(key)));
        return visible;
    }

    /** Raw map including secrets: for this package's update path only. */
    Map<String, String> allValues() {
        return values;
    }

    public boolean flag(OptionKey key) {
        return "true".equals(get(key));
    }

    public long longValue(OptionKey key) {
        return Long.parseLong(get(key));
    }

    public double number(OptionKey key) {
        return Double.parseDouble(get(key));
    }

    public int retryTimes() {
        return (int) longValue(OptionKey.RETRY_TIMES);
    }

    public long preConsumedQuota() {
        return longValue(OptionKey.PRE_CONSUMED_QUOTA);
    }

    public double quotaPerUnit() {
        return number(OptionKey.QUOTA_PER_UNIT);
    }

    public long quotaForNewUser() {
        return longValue(OptionKey.QUOTA_FOR_NEW_USER);
    }

    public long quotaForInviter() {
        return longValue(OptionKey.QUOTA_FOR_INVITER);
    }

    public long quotaForInvitee() {
        return longValue(OptionKey.QUOTA_FOR_INVITEE);
    }

    public long quotaRemindThreshold() {
        return longValue(OptionKey.QUOTA_REMIND_THRESHOLD);
    }

    /** Seconds. */
    public double channelDisableThreshold() {
        return number(OptionKey.CHANNEL_DISABLE_THRESHOLD);
    }

    public boolean logConsumeEnabled() {
        return flag(OptionKey.LOG_CONSUME_ENABLED);
    }

    public boolean automaticDisableChannelEnabled() {
        return flag(OptionKey.AUTOMATIC_DISABLE_CHANNEL_ENABLED);
    }

    public boolean automaticEnableChannelEnabled() {
        return flag(OptionKey.AUTOMATIC_ENABLE_CHANNEL_ENABLED);
    }

    public boolean approximateTokenEnabled() {
        return flag(OptionKey.APPROXIMATE_TOKEN_ENABLED);
    }

    public boolean displayTokenStatEnabled() {
        return flag(OptionKey.DISPLAY_TOKEN_STAT_ENABLED);
    }

    public boolean displayInCurrencyEnabled() {
        return flag(OptionKey.DISPLAY_IN_CURRENCY_ENABLED);
    }

    public int smtpPort() {
        return (int) longValue(OptionKey.SMTP_PORT);
    }

    /** The e-mail domain whitelist, split on commas and trimmed (One API does not trim). */
    public List<String> emailDomainWhitelist() {
        return Arrays.stream(get(OptionKey.EMAIL_DOMAIN_WHITELIST).split(","))
                .map(String::trim).filter(domain -> !domain.isEmpty()).toList();
    }

    /**
     * One API's model ratio: {@code model(channelType)} in the option, in the built-ins, then {@code model} in the
     * option, in the built-ins; 30 when unknown (logged once per model). {@code qwen-*-internet} and
     * {@code command-*-internet} are priced as the model without the suffix.
     */
    public double modelRatio(String model, int channelType) {
        return ratios.modelRatio(model, channelType);
    }

    /** The CompletionRatio option (same lookup order), then One API's built-in rules, else 1. */
    public double completionRatio(String model, int channelType) {
        return ratios.completionRatio(model, channelType);
    }

    /** The GroupRatio option; 1 for a group it does not list. */
    public double groupRatio(String group) {
        return ratios.groupRatio(group);
    }

    /** Every group with its ratio (for {@code GET /api/group}). */
    public Map<String, Double> groupRatios() {
        return ratios.groups();
    }
}
