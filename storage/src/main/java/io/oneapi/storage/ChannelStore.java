package io.oneapi.storage;

import java.util.List;
import java.util.Optional;

/**
 * The {@code channels} table and the {@code abilities} derived from it. Every write that changes routing
 * rebuilds the channel's abilities in the same transaction. Blocking JDBC.
 */
public interface ChannelStore {
    Optional<ProviderChannel> findById(int id);

    /** Every channel, keys included (for the relay's routing table and admin only). */
    List<ProviderChannel> listAll();

    List<ProviderChannel> list(int offset, int pageSize);

    List<ProviderChannel> search(String keyword);

    /** Inserts the channel and its abilities; returns the new id. */
    int insert(ProviderChannel channel);

    /** Updates the channel and recreates its abilities. */
    void update(ProviderChannel channel);

    /** Sets the status and the abilities' enabled flag. */
    void setStatus(int id, int status);

    /**
     * Sets a disabled {@code status} only while the channel is enabled. True when this call disabled it, so that of
     * many requests (or nodes) failing on one dead key at once, exactly one reports the disable.
     */
    boolean disableIfEnabled(int id, int status);

    void delete(int id);

    /** Deletes channels with status 2 or 3; returns how many. */
    int deleteDisabled();

    void addUsedQuota(int id, long quota);

    void recordTest(int id, long testTime, int responseTimeMillis);

    void recordBalance(int id, double balance, long updatedTime);

    List<Ability> abilities(int channelId);

    /** Distinct models enabled for a group, sorted. */
    List<String> modelsForGroup(String group);

    /** Distinct groups over all abilities. */
    List<String> groups();
}
