package io.oneapi.admin.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.oneapi.storage.LogStore;

/** One row of {@code /api/user/dashboard}; One API's Go struct has no JSON tags, hence the capitalised names. */
record DashboardItem(@JsonProperty("Day") String day, @JsonProperty("ModelName") String modelName,
                     @JsonProperty("RequestCount") long requestCount, @JsonProperty("Quota") long quota,
                     @JsonProperty("PromptTokens") long promptTokens,
                     @JsonProperty("CompletionTokens") long completionTokens) {

    static DashboardItem of(LogStore.DailyModelUsage u) {
        return new DashboardItem(u.day(), u.modelName(), u.requestCount(), u.quota(), u.promptTokens(),
                u.completionTokens());
    }
}
