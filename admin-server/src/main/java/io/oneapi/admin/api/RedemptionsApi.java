package io.oneapi.admin.api;

import io.oneapi.admin.http.Access;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.ApiRoutes;
import io.oneapi.admin.http.Envelope;
import io.oneapi.storage.Keys;
import io.oneapi.storage.Redemption;
import io.oneapi.storage.RedemptionStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Redemption codes (inventory sections 5.7 and 7.8): batches of 1 to 100 dash-less UUID codes, returned once
 * on creation so the UI can save them as {@code <name>.txt}.
 */
public final class RedemptionsApi {
    private final RedemptionStore redemptions;
    private final Clock clock;

    public RedemptionsApi(RedemptionStore redemptions, Clock clock) {
        this.redemptions = redemptions;
        this.clock = clock;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/redemption/", Access.ADMIN, this::list)
                .get("/api/redemption/search", Access.ADMIN, this::search)
                .get("/api/redemption/{id}", Access.ADMIN, this::get)
                .post("/api/redemption/", Access.ADMIN, this::create)
                .put("/api/redemption/", Access.ADMIN, this::update)
                .delete("/api/redemption/{id}", Access.ADMIN, this::delete);
    }

    Envelope list(ApiRequest req) {
        return Envelope.ok(redemptions.list(req.pageOffset(), ApiRequest.PAGE_SIZE));
    }

    Envelope search(ApiRequest req) {
        return Envelope.ok(redemptions.search(req.query("keyword").trim()));
    }

    Envelope get(ApiRequest req) {
        return Envelope.ok(existing(req.pathInt("id")));
    }

    Envelope create(ApiRequest req) {
        RedemptionRequest body = req.body(RedemptionRequest.class);
        String name = name(body.name());
        long quota = quota(body.quota());
        int count = body.count() == null ? 0 : body.count();
        if (count <= 0) {
            throw new ApiFailure("the number of codes must be greater than 0");
        }
        if (count > 100) {
            throw new ApiFailure("at most 100 codes can be created at once");
        }
        long now = clock.instant().getEpochSecond();
        int creator = req.caller().id();
        List<Redemption> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(new Redemption(0, creator, Keys.redemptionCode(), Redemption.STATUS_ENABLED, name, quota, now,
                    0));
        }
        redemptions.insertAll(batch);
        return Envelope.ok(batch.stream().map(Redemption::key).toList());
    }

    /** {@code ?status_only=true} changes only the status; otherwise the name and quota. */
    Envelope update(ApiRequest req) {
        RedemptionRequest body = req.body(RedemptionRequest.class);
        Redemption current = existing(body.id() == null ? 0 : body.id());
        Redemption updated;
        if (!req.query("status_only").isEmpty()) {
            int status = body.status() == null ? current.status() : body.status();
            if (status != Redemption.STATUS_ENABLED && status != Redemption.STATUS_DISABLED) {
                throw new ApiFailure("invalid parameters: status must be 1 (enabled) or 2 (disabled)");
            }
            if (current.status() == Redemption.STATUS_USED) {
                throw new ApiFailure("the code has already been used");
            }
            updated = new Redemption(current.id(), current.userId(), current.key(), status, current.name(),
                    current.quota(), current.createdTime(), current.redeemedTime());
        } else {
            updated = new Redemption(current.id(), current.userId(), current.key(), current.status(),
                    body.name() == null ? current.name() : name(body.name()),
                    body.quota() == null ? current.quota() : quota(body.quota()), current.createdTime(),
                    current.redeemedTime());
        }
        redemptions.update(updated);
        return Envelope.ok(updated);
    }

    Envelope delete(ApiRequest req) {
        redemptions.delete(existing(req.pathInt("id")).id());
        return Envelope.ok();
    }

    private Redemption existing(int id) {
        return redemptions.findById(id).orElseThrow(() -> new ApiFailure("redemption code not found"));
    }

    private static String name(String name) {
        int length = name == null ? 0 : name.codePointCount(0, name.length());
        if (length == 0 || length > 20) {
            throw new ApiFailure("the name must be 1 to 20 characters long");
        }
        return name;
    }

    private static long quota(Long quota) {
        if (quota == null || quota <= 0) {
            throw new ApiFailure("invalid parameters: quota must be a positive number");
        }
        return quota;
    }

    record RedemptionRequest(Integer id, String name, Long quota, Integer count, Integer status) {
    }
}
