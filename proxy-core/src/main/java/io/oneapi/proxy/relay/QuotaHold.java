package io.oneapi.proxy.relay;

import io.oneapi.proxy.client.OpenAiError;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quota one relayed request holds. It is reserved on the blocking executor (or at once when billing can
 * do it without blocking), then settled (billable
 * outcome) or released exactly once on the settlement executor; the event loop never waits for billing.
 * Confined to the flow's event loop.
 */
final class QuotaHold {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaHold.class);

    private final RelayServices services;
    private final RelayBilling.ReserveRequest request;
    private final String requestId;
    private RelayBilling.Hold hold;

    QuotaHold(RelayServices services, RelayBilling.ReserveRequest request, String requestId) {
        this.services = services;
        this.request = request;
        this.requestId = requestId;
    }

    /**
     * Reserves on the event loop when that cannot block, else off it; then exactly one of the callbacks runs on
     * {@code loop} (at once in the first case).
     *
     * @throws java.util.concurrent.RejectedExecutionException when the blocking executor is full
     */
    void reserve(Executor loop, Runnable onReserved, Consumer<OpenAiError> onRefused) {
        RelayBilling.Hold now;
        try {
            now = services.billing().reserveWithoutBlocking(request);
        } catch (BillingRefusal refusal) {
            onRefused.accept(refusal.error());
            return;
        }
        if (now != null) { // warm in-memory counters: two thread hand-offs saved
            hold = now;
            onReserved.run();
            return;
        }
        services.blocking().execute(() -> {
            try {
                RelayBilling.Hold reserved = services.billing().reserve(request);
                loop.execute(() -> {
                    hold = reserved;
                    onReserved.run();
                });
            } catch (BillingRefusal refusal) {
                loop.execute(() -> onRefused.accept(refusal.error()));
            } catch (RuntimeException e) {
                LOG.error("Quota reservation failed for request {}", requestId, e);
                loop.execute(() -> onRefused.accept(OpenAiError.gateway(500, "pre_consume_quota_failed",
                        "Could not reserve quota; try again.")));
            }
        });
    }

    /** Charges the final cost of the record (adjusting what is held) and writes the consume log. */
    void settle(RelayRecord record) {
        RelayBilling.Hold settled = take();
        if (settled != null) {
            try {
                if (services.billing().settleWithoutBlocking(settled, request, record)) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("Settlement failed for request {}", record.requestId(), e);
                return;
            }
            services.settlement().execute(() -> {
                try {
                    services.billing().settle(settled, request, record);
                } catch (RuntimeException e) {
                    LOG.error("Settlement failed for request {}", record.requestId(), e);
                }
            });
        }
    }

    /** Returns everything held; for requests that did no upstream work. */
    void release() {
        RelayBilling.Hold released = take();
        if (released != null) {
            services.settlement().execute(() -> {
                try {
                    services.billing().release(released);
                } catch (RuntimeException e) {
                    LOG.error("Releasing held quota failed for request {}", requestId, e);
                }
            });
        }
    }

    boolean held() {
        return hold != null;
    }

    private RelayBilling.Hold take() {
        RelayBilling.Hold h = hold;
        hold = null;
        return h;
    }
}
