package io.oneapi.storage;

/** A row of {@code abilities}: channel {@code channelId} serves {@code model} to users of {@code group}. */
public record Ability(String group, String model, int channelId, boolean enabled, long priority) {
}
