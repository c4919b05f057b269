package io.oneapi.plugin.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.testing.FixtureClientRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One translation case read from {@code src/test/resources/fixtures/openai}: the channel, the exchange
 * context, the client request and what must go upstream (or the error expected instead).
 *
 * <p>A file holds one case, or {@code {"defaults": {...}, "cases": [...]}} where every case is merged
 * over the defaults, so a table of similar cases stays short.
 */
record ExchangeFixture(String name, ExchangeContext context, FixtureClientRequest request, JsonNode expect) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<ExchangeFixture> readAll(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + file, e);
        }
        String fileName = file.getFileName().toString();
        if (!root.has("cases")) {
            return List.of(of(fileName, root));
        }
        List<ExchangeFixture> fixtures = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root.get("cases")) {
            JsonNode merged = merge(root.path("defaults").deepCopy(), entry);
            fixtures.add(of(fileName + "[" + index++ + "] " + merged.path("name").asText(""), merged));
        }
        return fixtures;
    }

    static List<Path> filesIn(String folder) {
        try (var files = Files.list(Path.of("src/test/resources/fixtures/openai", folder))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode target) || !override.isObject()) {
            return override.deepCopy();
        }
        override.fields().forEachRemaining(field -> target.set(field.getKey(),
                merge(target.path(field.getKey()), field.getValue())));
        return target;
    }

    private static ExchangeFixture of(String name, JsonNode node) {
        JsonNode channel = node.path("channel");
        Map<String, String> config = new HashMap<>();
        channel.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        ChannelInfo info = new ChannelInfo(channel.path("id").asInt(7), channel.path("type").asInt(),
                channel.path("name").asText("fixture"), channel.path("key").asText("sk-upstream"),
                channel.path("baseUrl").asText(""), config, channel.path("other").asText(""));
        JsonNode ctx = node.path("context");
        String requested = ctx.path("requestedModel").asText("gpt-3.5-turbo");
        ExchangeContext context = new ExchangeContext(info, RelayMode.valueOf(ctx.path("mode").asText("CHAT_COMPLETIONS")),
                ctx.path("path").asText("/v1/chat/completions"), ctx.path("query").asText(""), requested,
                ctx.path("upstreamModel").asText(requested), ctx.path("stream").asBoolean(false),
                ctx.path("systemPrompt").asText(""), ctx.path("enforceIncludeUsage").asBoolean(false));
        return new ExchangeFixture(name, context, request(node.path("request"), context), node.path("expect"));
    }

    private static FixtureClientRequest request(JsonNode request, ExchangeContext context) {
        FixtureClientRequest.Builder builder = FixtureClientRequest.request(request.path("method").asText("POST"),
                context.requestPath()).query(context.query());
        if (request.has("headers")) {
            request.get("headers").forEach(pair -> builder.header(pair.get(0).asText(), pair.get(1).asText()));
        } else {
            builder.header("Content-Type", "application/json");
        }
        byte[] body = request.has("bodyText")
                ? request.get("bodyText").asText().getBytes(StandardCharsets.UTF_8)
                : request.path("body").toString().getBytes(StandardCharsets.UTF_8);
        return builder.body(body).build();
    }

    @Override
    public String toString() {
        return name;
    }
}
