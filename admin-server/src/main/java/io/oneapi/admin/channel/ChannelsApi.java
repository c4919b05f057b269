package io.oneapi.admin.channel;

import io.oneapi.admin.api.ChannelView;
import io.oneapi.admin.http.Access;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.ApiRoutes;
import io.oneapi.admin.http.Envelope;
import io.oneapi.storage.ChannelStore;
import io.oneapi.storage.ProviderChannel;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Channels (inventory section 7.6): list, search, get, create (one channel per line of a multi-line key),
 * update, delete. No response ever carries a channel key. Tests and balances live in {@link ChannelTestApi}.
 */
public final class ChannelsApi {
    private final ChannelStore channels;
    private final Clock clock;

    public ChannelsApi(ChannelStore channels, Clock clock) {
        this.channels = channels;
        this.clock = clock;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/channel/", Access.ADMIN, this::list)
                .get("/api/channel/search", Access.ADMIN, this::search)
                .get("/api/channel/{id}", Access.ADMIN, this::get)
                .post("/api/channel/", Access.ADMIN, this::create)
                .put("/api/channel/", Access.ADMIN, this::update)
                .delete("/api/channel/disabled", Access.ADMIN, this::deleteDisabled)
                .delete("/api/channel/{id}", Access.ADMIN, this::delete);
    }

    Envelope list(ApiRequest req) {
        return Envelope.ok(views(channels.list(req.pageOffset(), ApiRequest.PAGE_SIZE)));
    }

    Envelope search(ApiRequest req) {
        return Envelope.ok(views(channels.search(req.query("keyword").trim())));
    }

    Envelope get(ApiRequest req) {
        return Envelope.ok(ChannelView.of(existing(req.pathInt("id"))));
    }

    Envelope create(ApiRequest req) {
        ChannelRequest body = req.body(ChannelRequest.class).validated(req.json().mapper());
        List<String> keys = body.key() == null ? List.of()
                : Arrays.stream(body.key().split("\\r?\\n")).map(String::trim).filter(k -> !k.isEmpty()).toList();
        if (keys.isEmpty()) {
            throw new ApiFailure("invalid parameters: key is required");
        }
        if (body.type() == null || body.type() <= 0) {
            throw new ApiFailure("invalid parameters: type is required");
        }
        long now = clock.instant().getEpochSecond();
        for (String key : keys) {
            channels.insert(new ProviderChannel(0, body.type(), key,
                    body.status() == null ? ProviderChannel.STATUS_ENABLED : body.status(), nz(body.name()),
                    body.weight() == null ? 0 : body.weight(), now, 0, 0, nz(body.baseUrl()), nz(body.other()), 0, 0,
                    nz(body.models()), body.group() == null || body.group().isEmpty() ? "default" : body.group(), 0,
                    nz(body.modelMapping()), body.priority() == null ? 0 : body.priority(), nz(body.config()),
                    nz(body.systemPrompt())));
        }
        return Envelope.ok();
    }

    /** Present fields replace the stored ones; an empty key keeps the stored key. */
    Envelope update(ApiRequest req) {
        ChannelRequest b = req.body(ChannelRequest.class).validated(req.json().mapper());
        ProviderChannel c = existing(b.id() == null ? 0 : b.id());
        String key = b.key() == null || b.key().isBlank() ? c.key() : b.key().trim();
        ProviderChannel updated = new ProviderChannel(c.id(), or(b.type(), c.type()), key, or(b.status(), c.status()),
                or(b.name(), c.name()), or(b.weight(), c.weight()), c.createdTime(), c.testTime(), c.responseTime(),
                or(b.baseUrl(), c.baseUrl()), or(b.other(), c.other()), c.balance(), c.balanceUpdatedTime(),
                or(b.models(), c.models()), b.group() == null || b.group().isEmpty() ? c.group() : b.group(),
                c.usedQuota(), or(b.modelMapping(), c.modelMapping()), or(b.priority(), c.priority()),
                or(b.config(), c.config()), or(b.systemPrompt(), c.systemPrompt()));
        channels.update(updated);
        return Envelope.ok(ChannelView.of(updated));
    }

    Envelope delete(ApiRequest req) {
        channels.delete(existing(req.pathInt("id")).id());
        return Envelope.ok();
    }

    Envelope deleteDisabled(ApiRequest req) {
        int count = channels.deleteDisabled();
        return Envelope.ok(count);
    }

    private ProviderChannel existing(int id) {
        return channels.findById(id).orElseThrow(() -> new ApiFailure("channel not found"));
    }

    private static List<ChannelView> views(List<ProviderChannel> list) {
        return list.stream().map(ChannelView::of).toList();
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
