package io.oneapi.plugin.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.ProviderDescriptor;
import io.oneapi.spi.UpstreamHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenAiAdapterTest {
    private static final List<Integer> SERVED_TYPES = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 19, 20, 22, 25,
            26, 27, 28, 29, 31, 32, 36, 39, 40, 41, 43, 44, 45, 47, 48, 49, 50, 51);
    /** Types whose operator must supply the base URL. */
    private static final List<Integer> NO_DEFAULT_BASE = List.of(3, 8, 43, 50);

    private final OpenAiAdapter adapter = new OpenAiAdapter();
    private final ProviderDescriptor descriptor = adapter.descriptor();
    private final Map<Integer, ChannelTypeInfo> types = descriptor.channelTypes().stream()
            .collect(Collectors.toMap(ChannelTypeInfo::type, Function.identity()));

    @Test
    void servesEveryOpenAiFamilyTypeInTypeOrder() {
        assertEquals("openai", descriptor.id());
        assertEquals(SERVED_TYPES, descriptor.channelTypes().stream().map(ChannelTypeInfo::type).toList());
    }

    @Test
    void defaultBaseUrlsAreHttpsExceptWhereTheOperatorMustGiveOne() {
        for (ChannelTypeInfo type : descriptor.channelTypes()) {
            if (NO_DEFAULT_BASE.contains(type.type())) {
                assertEquals("", type.defaultBaseUrl(), type.label());
            } else {
                assertTrue(type.defaultBaseUrl().startsWith("https://"), type.label());
            }
        }
        assertEquals("https://api.groq.com/openai", types.get(29).defaultBaseUrl());
        assertEquals("https://generativelanguage.googleapis.com/v1beta/openai/", types.get(51).defaultBaseUrl());
    }

    @Test
    void defaultModelListsFollowOneApi() {
        assertEquals(List.of("moonshot-v1-8k", "moonshot-v1-32k", "moonshot-v1-128k"), types.get(25).defaultModels());
        assertEquals(List.of("deepseek-chat", "deepseek-reasoner"), types.get(36).defaultModels());
        List<String> openAi = types.get(1).defaultModels();
        assertTrue(openAi.containsAll(List.of("gpt-3.5-turbo", "gpt-4o", "gpt-4o-mini", "text-embedding-3-small",
                "dall-e-3", "whisper-1", "tts-1-hd", "o1-mini", "o3-mini")));
        assertEquals(openAi, types.get(3).defaultModels(), "Azure serves OpenAI's models");
        assertEquals(openAi, types.get(2).defaultModels(), "resellers serve OpenAI's models");
        assertEquals(231, types.get(20).defaultModels().size());
        assertTrue(types.get(20).defaultModels().contains("openrouter/auto"));
        assertEquals(30, types.get(44).defaultModels().size());
        assertEquals(13, types.get(41).defaultModels().size());
        assertEquals(List.of("lite", "generalv3", "pro-128k", "generalv3.5", "max-32k", "4.0Ultra"),
                types.get(48).defaultModels());
        assertTrue(types.get(43).defaultModels().isEmpty(), "the raw proxy has no models");
        for (ChannelTypeInfo type : descriptor.channelTypes()) {
            assertEquals(type.defaultModels().size(), type.defaultModels().stream().distinct().count(), type.label());
            assertFalse(type.type() != 43 && type.defaultModels().isEmpty(), type.label());
        }
    }

    @Test
    void ownedByUsesOneApiChannelNames() {
        assertEquals("openai", types.get(1).ownedBy());
        assertEquals("openai", types.get(2).ownedBy());
        assertEquals("azure", types.get(3).ownedBy());
        assertEquals("mistralai", types.get(28).ownedBy());
        assertEquals("together.ai", types.get(39).ownedBy());
        assertEquals("geminiv2", types.get(51).ownedBy());
        assertEquals("Moonshot AI", types.get(25).label());
    }

    @Test
    void onlyAzureReadsAnApiVersionSetting() {
        for (ChannelTypeInfo type : descriptor.channelTypes()) {
            assertEquals(type.type() == 3 ? List.of("api_version") : List.of(), type.settings(), type.label());
        }
    }

    @Test
    void classifiesOpenAiErrorsWithTheSpiDefault() {
        byte[] badKey = "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(ErrorKind.AUTH_FAILED, adapter.classifyError(401, UpstreamHeaders.NONE, badKey));
        assertEquals(ErrorKind.RATE_LIMITED, adapter.classifyError(429, UpstreamHeaders.NONE, new byte[0]));
        assertEquals(ErrorKind.UNAVAILABLE, adapter.classifyError(502, UpstreamHeaders.NONE, "<html>".getBytes()));
    }

    @Test
    void annotationProcessorIndexedTheAdapter() throws IOException {
        // PF4J finds extensions through this index; JDK 23+ only writes it when the processor is named.
        List<String> indexed = new ArrayList<>();
        Enumeration<URL> indexes = OpenAiAdapter.class.getClassLoader().getResources("META-INF/extensions.idx");
        while (indexes.hasMoreElements()) {
            try (InputStream index = indexes.nextElement().openStream()) {
                new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(indexed::add);
            }
        }
        assertTrue(indexed.contains(OpenAiAdapter.class.getName()), indexed.toString());
    }
}
