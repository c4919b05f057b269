package io.oneapi.storage;

/** A row of {@code logs}. {@code channelId} is the column {@code channel_id} (JSON name {@code channel}). */
public record LogEntry(int id, int userId, long createdAt, int type, String content, String username,
                       String tokenName, String modelName, int quota, int promptTokens, int completionTokens,
                       int channelId, String requestId, long elapsedTime, boolean isStream,
                       boolean systemPromptReset) {

    public static final int TYPE_UNKNOWN = 0;
    public static final int TYPE_TOPUP = 1;
    public static final int TYPE_CONSUME = 2;
    public static final int TYPE_MANAGE = 3;
    public static final int TYPE_SYSTEM = 4;
    public static final int TYPE_TEST = 5;
}
