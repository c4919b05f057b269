package io.oneapi.plugin.assorted.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.InlineImage;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.testing.FixtureClientRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of {@code src/test/resources/fixtures/<provider>/*.json}: the channel, the exchange context,
 * the client request, and the sections that say what to check (see {@link FixtureChecks}).
 *
 * <p>A file holds {@code {"defaults": {...}, "cases": [...]}}; every case is merged over the defaults, object
 * by object (an empty object replaces its default).
 */
record ProviderFixture(String name, Path folder, ExchangeContext context, FixtureClientRequest request,
                              JsonNode node) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<ProviderFixture> all(String provider) {
        Path folder = Path.of("src/test/resources/fixtures", provider);
        List<ProviderFixture> fixtures = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = JSON.readTree(file.toFile());
                int index = 0;
                for (JsonNode entry : root.path("cases")) {
                    JsonNode merged = merge(root.path("defaults").deepCopy(), entry);
                    String name = file.getFileName() + "[" + index++ + "] " + merged.path("name").asText("");
                    fixtures.add(of(name, folder, merged));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixtures of " + provider, e);
        }
        return fixtures;
    }

    private static JsonNode merge(JsonNode base, JsonNode override) {
        // An empty object clears what the defaults set ("config": {} for a channel without settings).
        if (!(base instanceof ObjectNode target) || !override.isObject() || override.isEmpty()) {
            return override.deepCopy();
        }
        override.properties().forEach(field -> target.set(field.getKey(),
                merge(target.path(field.getKey()), field.getValue())));
        return target;
    }

    private static ProviderFixture of(String name, Path folder, JsonNode node) {
        JsonNode channel = node.path("channel");
        Map<String, String> config = new HashMap<>();
        channel.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
        ChannelInfo info = new ChannelInfo(channel.path("id").asInt(7), channel.path("type").asInt(),
                "fixture", channel.path("key").asText("sk-upstream"), channel.path("baseUrl").asText(""), config,
                channel.path("other").asText(""));
        JsonNode ctx = node.path("context");
        String requested = ctx.path("requestedModel").asText("");
        ExchangeContext context = new ExchangeContext(info, RelayMode.valueOf(ctx.path("mode")
                .asText("CHAT_COMPLETIONS")), ctx.path("path").asText("/v1/chat/completions"), "", requested,
                ctx.path("upstreamModel").asText(requested), ctx.path("stream").asBoolean(false),
                ctx.path("systemPrompt").asText(""), false);
        return new ProviderFixture(name, folder, context, request(node.path("request"), context), node);
    }

    private static FixtureClientRequest request(JsonNode request, ExchangeContext context) {
        byte[] body = request.has("bodyText")
                ? request.get("bodyText").asText().getBytes(StandardCharsets.UTF_8)
                : request.path("body").toString().getBytes(StandardCharsets.UTF_8);
        FixtureClientRequest.Builder builder = FixtureClientRequest.post(context.requestPath())
                .header("Content-Type", "application/json").body(body);
        request.path("images").properties().forEach(e -> builder.image(e.getKey(), new InlineImage(
                e.getValue().get(0).asText(), Base64.getDecoder().decode(e.getValue().get(1).asText()))));
        return builder.build();
    }

    /** A file beside the fixture (stream bodies live in {@code .sse} and {@code .ndjson} files). */
    String read(String file) {
        try {
            return Files.readString(folder.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
