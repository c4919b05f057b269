package io.oneapi.storage;

/**
 * A row of {@code channels}: one upstream provider account. Called a provider channel in code so it is
 * never confused with a Netty channel. {@code key} is the credential and is never printed.
 * {@code models} and {@code group} are comma lists; {@code modelMapping} and {@code config} are JSON text.
 */
public record ProviderChannel(int id, int type, String key, int status, String name, int weight, long createdTime,
                              long testTime, int responseTime, String baseUrl, String other, double balance,
                              long balanceUpdatedTime, String models, String group, long usedQuota,
                              String modelMapping, long priority, String config, String systemPrompt) {

    public static final int STATUS_UNKNOWN = 0;
    public static final int STATUS_ENABLED = 1;
    public static final int STATUS_MANUALLY_DISABLED = 2;
    public static final int STATUS_AUTO_DISABLED = 3;

    public boolean enabled() {
        return status == STATUS_ENABLED;
    }

    @Override
    public String toString() {
        return "ProviderChannel[id=" + id + ", type=" + type + ", name=" + name + ", status=" + status + "]";
    }
}
