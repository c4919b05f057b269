package io.oneapi.storage.billing;

import io.oneapi.config.GatewayConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link BillingWriter} batches.
 *
 * @param batchUpdates {@code BATCH_UPDATE_ENABLED}: quota deltas are summed in memory and written every
 *        {@code batchInterval}; otherwise they are written at once on the calling (billing executor) thread
 * @param batchInterval {@code BATCH_UPDATE_INTERVAL}
 * @param logInterval consume logs are inserted at least this often (always batched)
 * @param logBatchSize a batch of logs is written as soon as this many are waiting
 * @param maxPendingLogs memory cap: logs beyond it (database down for long) are dropped and reported loudly
 * @param drainTimeout how long {@link BillingWriter#close()} keeps retrying to write what is left
 */
public record BillingSettings(boolean batchUpdates, Duration batchInterval, Duration logInterval, int logBatchSize,
                              int maxPendingLogs, Duration drainTimeout) {

    public BillingSettings {
        Objects.requireNonNull(batchInterval, "batchInterval");
        Objects.requireNonNull(logInterval, "logInterval");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (batchInterval.isNegative() || batchInterval.isZero() || logInterval.isNegative() || logInterval.isZero()) {
            throw new IllegalArgumentException("billing intervals must be positive");
        }
        if (logBatchSize < 1 || maxPendingLogs < logBatchSize) {
            throw new IllegalArgumentException("need 1 <= logBatchSize <= maxPendingLogs");
        }
    }

    /** From {@code BATCH_UPDATE_ENABLED} / {@code BATCH_UPDATE_INTERVAL}; logs are flushed at least every second. */
    public static BillingSettings from(GatewayConfig.RelaySettings relay) {
        return of(relay.batchUpdateEnabled(), relay.batchUpdateInterval());
    }

    public static BillingSettings of(boolean batchUpdates, Duration batchInterval) {
        Duration logInterval = batchInterval.compareTo(Duration.ofSeconds(1)) < 0 ? batchInterval : Duration.ofSeconds(1);
        return new BillingSettings(batchUpdates, batchInterval, logInterval, 500, 100_000, Duration.ofSeconds(30));
    }
}
