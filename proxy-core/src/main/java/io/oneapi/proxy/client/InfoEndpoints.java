package io.oneapi.proxy.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.oneapi.proxy.plugin.ModelCatalogue;
import io.oneapi.proxy.route.ChannelRouter;
import io.oneapi.storage.Token;
import io.oneapi.storage.User;
import io.oneapi.storage.options.Options;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /v1/models}, {@code /v1/models/:id} and the OpenAI billing compatibility routes, answered from
 * memory (catalogue, routing table, cached token and user).
 */
public final class InfoEndpoints {
    private static final JsonFactory JSON = new JsonFactory();
    private static final long CREATED = 1626777600L;
    private static final long UNLIMITED_AMOUNT = 100_000_000L;

    private final ModelCatalogue catalogue;
    private final ChannelRouter router;
    private final Supplier<Options> options;

    public InfoEndpoints(ModelCatalogue catalogue, ChannelRouter router, Supplier<Options> options) {
        this.catalogue = catalogue;
        this.router = router;
        this.options = options;
    }

    public void answer(ChannelHandlerContext ctx, Route route, Token token, User user, boolean keepAlive,
                       String requestId) {
        switch (route.kind()) {
            case MODELS -> Responses.json(ctx, keepAlive, HttpResponseStatus.OK, modelList(token, user), requestId);
            case MODEL -> {
                Optional<ModelCatalogue.Model> model = catalogue.find(route.argument());
                if (model.isPresent()) {
                    Responses.json(ctx, keepAlive, HttpResponseStatus.OK,
                            write(g -> writeModel(g, model.get().id(), model.get().ownedBy())), requestId);
                } else {
                    Responses.error(ctx, keepAlive, new OpenAiError(404, "The model '" + route.argument()
                            + "' does not exist", "invalid_request_error", "model", "model_not_found"), requestId);
                }
            }
            case BILLING_SUBSCRIPTION -> Responses.json(ctx, keepAlive, HttpResponseStatus.OK,
                    subscription(token, user), requestId);
            case BILLING_USAGE -> Responses.json(ctx, keepAlive, HttpResponseStatus.OK, usage(token, user), requestId);
            default -> throw new IllegalArgumentException("not an info route: " + route.kind());
        }
    }

    private byte[] modelList(Token token, User user) {
        List<String> ids = new ArrayList<>();
        String whitelist = token.models() == null ? "" : token.models().trim();
        if (!whitelist.isEmpty()) {
            for (String m : whitelist.split(",")) {
                if (!m.isBlank()) {
                    ids.add(m.trim());
                }
            }
        } else {
            String group = user.group() == null || user.group().isEmpty() ? "default" : user.group();
            ids.addAll(router.table().modelsFor(group));
        }
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (String id : ids) {
                writeModel(g, id, catalogue.find(id).map(ModelCatalogue.Model::ownedBy).orElse("custom"));
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeModel(JsonGenerator g, String id, String ownedBy) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("object", "model");
        g.writeNumberField("created", CREATED);
        g.writeStringField("owned_by", ownedBy);
        g.writeArrayFieldStart("permission");
        g.writeStartObject();
        g.writeStringField("id", "modelperm-LwHkVFn8AcMItP432fKKDIKJ");
        g.writeStringField("object", "model_permission");
        g.writeNumberField("created", CREATED);
        g.writeBooleanField("allow_create_engine", true);
        g.writeBooleanField("allow_sampling", true);
        g.writeBooleanField("allow_logprobs", true);
        g.writeBooleanField("allow_search_indices", false);
        g.writeBooleanField("allow_view", true);
        g.writeBooleanField("allow_fine_tuning", false);
        g.writeStringField("organization", "*");
        g.writeNullField("group");
        g.writeBooleanField("is_blocking", false);
        g.writeEndObject();
        g.writeEndArray();
        g.writeStringField("root", id);
        g.writeNullField("parent");
        g.writeEndObject();
    }

    /** Hard limit = what the token (or user) can still spend plus what it spent, as One API reports. */
    private byte[] subscription(Token token, User user) {
        Options o = options.get();
        double amount;
        long accessUntil = 0;
        if (o.displayTokenStatEnabled()) {
            amount = token.unlimitedQuota() ? UNLIMITED_AMOUNT : token.remainQuota() + token.usedQuota();
            accessUntil = token.expiredTime() == -1 ? 0 : token.expiredTime();
        } else {
            amount = user.quota() + user.usedQuota();
        }
        if (o.displayInCurrencyEnabled() && !(o.displayTokenStatEnabled() && token.unlimitedQuota())) {
            amount = amount / o.quotaPerUnit();
        }
        double limit = amount;
        long until = accessUntil;
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("object", "billing_subscription");
            g.writeBooleanField("has_payment_method", true);
            g.writeNumberField("soft_limit_usd", limit);
            g.writeNumberField("hard_limit_usd", limit);
            g.writeNumberField("system_hard_limit_usd", limit);
            g.writeNumberField("access_until", until);
            g.writeEndObject();
        });
    }

    /** Usage in cents, as OpenAI's endpoint reports it. */
    private byte[] usage(Token token, User user) {
        Options o = options.get();
        double used = o.displayTokenStatEnabled() ? token.usedQuota() : user.usedQuota();
        if (o.displayInCurrencyEnabled()) {
            used = used / o.quotaPerUnit();
        }
        double cents = used * 100;
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeNumberField("total_usage", cents);
            g.writeEndObject();
        });
    }

    private interface JsonWriter {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(JsonWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
