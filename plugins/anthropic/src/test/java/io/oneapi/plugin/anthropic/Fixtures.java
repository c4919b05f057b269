package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.InlineImage;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.testing.FixtureClientRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;

/**
 * Reads fixtures under {@code src/test/resources/fixtures}: JSON case tables ({@code {"defaults": {...},
 * "cases": [...]}}, each case merged over the defaults), the channel and exchange context of a case, and
 * recorded SSE streams.
 */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Every exchange in the fixtures is created at this instant (2024-05-01T12:00:00Z). */
    static final Instant NOW = Instant.ofEpochSecond(1_714_564_800L);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Fixtures() {
    }

    static Path path(String relative) {
        return Path.of("src/test/resources/fixtures", relative);
    }

    static JsonNode read(String relative) {
        try {
            return JSON.readTree(path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + relative, e);
        }
    }

    static String text(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + relative, e);
        }
    }

    /** One check of a fixture case. */
    interface Check {
        void run(JsonNode fixture) throws Exception;
    }

    /** A dynamic test per case of a table, named after the case. */
    static Stream<DynamicTest> tests(String table, Check check) {
        List<JsonNode> cases = cases(table);
        Assertions.assertFalse(cases.isEmpty(), table);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.path("name").asText(), () -> check.run(c)));
    }

    /** The cases of a table, each merged over the table's defaults, with {@code name} set. */
    static List<JsonNode> cases(String relative) {
        JsonNode root = read(relative);
        List<JsonNode> cases = new ArrayList<>();
        for (JsonNode entry : root.path("cases")) {
            cases.add(merge(root.path("defaults").deepCopy(), entry));
        }
        return cases;
    }

    private static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode target) || !override.isObject()) {
            return override.deepCopy();
        }
        override.properties().forEach(field -> target.set(field.getKey(),
                merge(target.path(field.getKey()), field.getValue())));
        return target;
    }

    /** {@code channel: {type, key, baseUrl, config}} and {@code context: {requestedModel, stream, ...}}. */
    static ExchangeContext context(JsonNode fixture) {
        JsonNode channel = fixture.path("channel");
        Map<String, String> config = new HashMap<>();
        channel.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
        ChannelInfo info = new ChannelInfo(channel.path("id").asInt(7), channel.path("type").asInt(14), "fixture",
                channel.path("key").asText("sk-upstream"), channel.path("baseUrl").asText(""), config, "");
        JsonNode ctx = fixture.path("context");
        String requested = ctx.path("requestedModel").asText("claude-3-5-sonnet-20241022");
        return new ExchangeContext(info, RelayMode.valueOf(ctx.path("mode").asText("CHAT_COMPLETIONS")),
                "/v1/chat/completions", "", requested, ctx.path("upstreamModel").asText(requested),
                ctx.path("stream").asBoolean(false), ctx.path("systemPrompt").asText(""),
                ctx.path("enforceIncludeUsage").asBoolean(false));
    }

    /**
     * The client request of a case: {@code {"headers": [[name, value]...], "body": {...}, "images": {"url":
     * {"mediaType": ..., "base64": ...}}}}; the images stand for what the core fetched.
     */
    static FixtureClientRequest request(JsonNode request) {
        FixtureClientRequest.Builder builder = FixtureClientRequest.post("/v1/chat/completions");
        request.path("headers").forEach(pair -> builder.header(pair.get(0).asText(), pair.get(1).asText()));
        builder.json(request.path("body").toString());
        request.path("images").properties().forEach(e -> builder.image(e.getKey(), new InlineImage(
                e.getValue().path("mediaType").asText(),
                Base64.getDecoder().decode(e.getValue().path("base64").asText()))));
        return builder.build();
    }

    /** The events of a recorded SSE stream (blank-line separated {@code event:} / {@code data:} lines). */
    static List<SseEvent> sse(String relative) {
        List<SseEvent> events = new ArrayList<>();
        for (String block : text(relative).replace("\r\n", "\n").split("\n\n")) {
            String event = "";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
                }
            }
            if (!data.isEmpty()) {
                events.add(SseEvent.of(event, data.toString()));
            }
        }
        return events;
    }
}
