package io.oneapi.admin.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.oneapi.storage.LogEntry;

/** A log row in One API's JSON ({@code channel_id} is named {@code channel}); {@code id} is 0 in user views. */
public record LogView(int id, int userId, long createdAt, int type, String content, String username,
                      String tokenName, String modelName, int quota, int promptTokens, int completionTokens,
                      @JsonProperty("channel") int channelId, String requestId, long elapsedTime,
                      @JsonProperty("is_stream") boolean isStream, boolean systemPromptReset) {

    public static LogView of(LogEntry e) {
        return new LogView(e.id(), e.userId(), e.createdAt(), e.type(), e.content(), e.username(), e.tokenName(),
                e.modelName(), e.quota(), e.promptTokens(), e.completionTokens(), e.channelId(), e.requestId(),
                e.elapsedTime(), e.isStream(), e.systemPromptReset());
    }

    /** For a user's own logs: One API omits the row id there. */
    public static LogView ofOwn(LogEntry e) {
        LogView v = of(e);
        return new LogView(0, v.userId, v.createdAt, v.type, v.content, v.username, v.tokenName, v.modelName, v.quota,
                v.promptTokens, v.completionTokens, v.channelId, v.requestId, v.elapsedTime, v.isStream,
                v.systemPromptReset);
    }
}
