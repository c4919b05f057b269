package io.oneapi.plugin.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.InlineImage;
import io.oneapi.spi.NeedsCredential;
import io.oneapi.spi.ProviderExchange;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads {@code src/test/resources/fixtures/gemini}: a file is one case or {@code {"defaults":{...},
 * "cases":[...]}} (each case merged over the defaults). Expected JSON may use the string {@code "*"} for a
 * value that must be present but varies (ids, timestamps).
 */
final class Fixtures {
    static final Path ROOT = Path.of("src/test/resources/fixtures/gemini");

    private Fixtures() {
    }

    record Case(String name, JsonNode node) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases(String file) {
        JsonNode root = read(ROOT.resolve(file));
        if (!root.has("cases")) {
            return List.of(new Case(file, root));
        }
        List<Case> cases = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : root.get("cases")) {
            JsonNode merged = merge(root.path("defaults").deepCopy(), entry);
            cases.add(new Case(file + "[" + i++ + "] " + merged.path("name").asText(""), merged));
        }
        assertFalse(cases.isEmpty(), "no cases in " + file);
        return cases;
    }

    /** Every case of every JSON file in {@code folder}. */
    static List<Case> casesIn(String folder) {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
            files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .forEach(f -> cases.addAll(cases(folder + "/" + f.getFileName())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(cases.isEmpty(), "no fixtures in " + folder);
        return cases;
    }

    static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + file, e);
        }
    }

    static String text(String file) {
        try {
            return Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode target) || !override.isObject()) {
            return override.deepCopy();
        }
        override.properties().forEach(e -> target.set(e.getKey(), merge(target.path(e.getKey()), e.getValue())));
        return target;
    }

    /** The exchange context a case describes ({@code channel}, {@code context}). */
    static ExchangeContext context(JsonNode node) {
        JsonNode channel = node.path("channel");
        Map<String, String> config = new HashMap<>();
        channel.path("config").properties().forEach(e -> config.put(e.getKey(),
                e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        ChannelInfo info = new ChannelInfo(channel.path("id").asInt(7), channel.path("type").asInt(24), "fixture",
                channel.path("key").asText("AIza-upstream"), channel.path("baseUrl").asText(""), config, "");
        JsonNode ctx = node.path("context");
        String requested = ctx.path("requestedModel").asText("gemini-1.5-flash");
        Map<String, String> settings = new HashMap<>();
        ctx.path("gatewaySettings").properties().forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
        return new ExchangeContext(info, RelayMode.valueOf(ctx.path("mode").asText("CHAT_COMPLETIONS")),
                ctx.path("path").asText("/v1/chat/completions"), "", requested,
                ctx.path("upstreamModel").asText(requested), ctx.path("stream").asBoolean(false),
                ctx.path("systemPrompt").asText(""), ctx.path("enforceIncludeUsage").asBoolean(false), settings);
    }

    /** The client request of a case: {@code request} (the body) and {@code images} (url -> [type, base64]). */
    static FixtureClientRequest request(JsonNode node, ExchangeContext context) {
        FixtureClientRequest.Builder request = FixtureClientRequest.post(context.requestPath())
                .json(node.path("request").toString());
        node.path("images").properties().forEach(e -> request.image(e.getKey(), new InlineImage(
                e.getValue().get(0).asText(), Base64.getDecoder().decode(e.getValue().get(1).asText()))));
        return request.build();
    }

    /** The case's exchange after its request was translated (with a token when it needs one). */
    static ProviderExchange translated(JsonNode node) {
        ExchangeContext context = context(node);
        ProviderExchange exchange = new GoogleAdapter().newExchange(context);
        if (exchange instanceof NeedsCredential needs) {
            needs.useCredential(RequestFixtures.TOKEN);
        }
        exchange.translateRequest(request(node, context));
        return exchange;
    }

    /** Asserts {@code actual} matches {@code expected}, where {@code "*"} matches any present value. */
    static void assertMatches(JsonNode expected, JsonNode actual) {
        assertMatches(expected, actual, "$");
    }

    private static void assertMatches(JsonNode expected, JsonNode actual, String path) {
        if (expected.isTextual() && expected.asText().equals("*")) {
            assertTrue(actual != null && !actual.isMissingNode() && !actual.isNull(), path + " should be present");
            return;
        }
        if (actual == null || expected.getNodeType() != actual.getNodeType()) {
            fail(path + ": expected " + expected + " but was " + actual);
        }
        if (expected.isObject()) {
            List<String> names = new ArrayList<>();
            actual.properties().forEach(e -> names.add(e.getKey()));
            List<String> wanted = new ArrayList<>();
            expected.properties().forEach(e -> wanted.add(e.getKey()));
            assertEquals(wanted.stream().sorted().toList(), names.stream().sorted().toList(), path + " fields");
            for (String name : wanted) {
                assertMatches(expected.get(name), actual.get(name), path + "." + name);
            }
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), path + " size: " + actual);
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext(); i++) {
                assertMatches(e.next(), a.next(), path + "[" + i + "]");
            }
        } else if (expected.isNumber()) {
            assertEquals(expected.decimalValue().stripTrailingZeros(), actual.decimalValue().stripTrailingZeros(), path);
        } else {
            assertEquals(expected, actual, path);
        }
    }
}
