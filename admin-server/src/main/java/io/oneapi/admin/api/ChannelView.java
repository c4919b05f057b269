package io.oneapi.admin.api;

import io.oneapi.storage.ProviderChannel;

/**
 * A channel as the management API shows it: every column of One API's JSON, with {@code key} always "" so no
 * list, search or get response ever carries a provider credential.
 */
public record ChannelView(int id, int type, String key, int status, String name, int weight, long createdTime,
                          long testTime, int responseTime, String baseUrl, String other, double balance,
                          long balanceUpdatedTime, String models, String group, long usedQuota, String modelMapping,
                          long priority, String config, String systemPrompt) {

    public static ChannelView of(ProviderChannel c) {
        return new ChannelView(c.id(), c.type(), "", c.status(), c.name(), c.weight(), c.createdTime(), c.testTime(),
                c.responseTime(), nz(c.baseUrl()), nz(c.other()), c.balance(), c.balanceUpdatedTime(), nz(c.models()),
                nz(c.group()), c.usedQuota(), nz(c.modelMapping()), c.priority(), nz(c.config()),
                nz(c.systemPrompt()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
