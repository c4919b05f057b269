package io.oneapi.plugin.china.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.testing.FixtureClientRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of {@code src/test/resources/fixtures/<provider>/*.json}. A file holds
 * {@code {"defaults": {...}, "cases": [...]}}; each case is its defaults with the case laid over them, objects
 * merged field by field, anything else (arrays, values, an empty object, any {@code body} or {@code headers})
 * replaced.
 */
public record FixtureCase(String name, Path folder, JsonNode node) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<FixtureCase> load(String provider) {
        Path folder = Path.of("src/test/resources/fixtures", provider);
        List<FixtureCase> cases = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = JSON.readTree(file.toFile());
                JsonNode defaults = root.path("defaults");
                for (JsonNode entry : root.path("cases")) {
                    JsonNode merged = overlay(defaults.deepCopy(), entry);
                    cases.add(new FixtureCase(file.getFileName() + " #" + cases.size() + " "
                            + merged.path("name").asText(""), folder, merged));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fixtures of " + provider, e);
        }
        return cases;
    }

    private static JsonNode overlay(JsonNode under, JsonNode over) {
        if (under instanceof ObjectNode target && over.isObject() && !over.isEmpty()) {
            for (Map.Entry<String, JsonNode> field : over.properties()) {
                boolean whole = field.getKey().equals("body") || field.getKey().equals("headers");
                JsonNode value = whole ? field.getValue().deepCopy()
                        : overlay(target.path(field.getKey()), field.getValue());
                target.set(field.getKey(), value);
            }
            return target;
        }
        return over.deepCopy();
    }

    ExchangeContext context() {
        JsonNode channel = node.path("channel");
        Map<String, String> config = new HashMap<>();
        channel.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
        ChannelInfo info = new ChannelInfo(channel.path("id").asInt(3), channel.path("type").asInt(),
                "fixture", channel.path("key").asText("key"), channel.path("baseUrl").asText(""), config, "");
        JsonNode ctx = node.path("context");
        String model = ctx.path("model").asText("");
        return new ExchangeContext(info, RelayMode.valueOf(ctx.path("mode").asText("CHAT_COMPLETIONS")),
                ctx.path("path").asText("/v1/chat/completions"), "", model, ctx.path("upstreamModel").asText(model),
                ctx.path("stream").asBoolean(false), ctx.path("systemPrompt").asText(""), false);
    }

    FixtureClientRequest request() {
        JsonNode request = node.path("request");
        String body = request.has("text") ? request.get("text").asText() : request.path("body").toString();
        return FixtureClientRequest.post(context().requestPath()).json(body).build();
    }

    /** The bytes of a recorded answer: {@code text}, {@code base64}, or the JSON {@code body}. */
    static byte[] bytes(JsonNode answer) {
        if (answer.has("base64")) {
            return Base64.getDecoder().decode(answer.get("base64").asText());
        }
        String text = answer.has("text") ? answer.get("text").asText() : answer.path("body").toString();
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    String file(String name) {
        try {
            return Files.readString(folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
