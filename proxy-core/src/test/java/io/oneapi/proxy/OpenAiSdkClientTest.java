package io.oneapi.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official OpenAI Java SDK as the client: what real applications send and expect. */
class OpenAiSdkClientTest {
    static final String COMPLETION = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Hello from upstream\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}";

    @TempDir
    Path dir;
    MockUpstream upstream;
    TestGateway gateway;
    OpenAIClient client;

    @BeforeEach
    void start() {
        upstream = new MockUpstream();
        gateway = TestGateway.start(dir);
        int user = gateway.user("sdk", 100_000_000, "default", 1);
        String key = gateway.token(user, 0, true);
        gateway.channel(upstream.baseUrl(), "gpt-4o-mini,text-embedding-3-small", 0, 0);
        client = OpenAIOkHttpClient.builder().apiKey("sk-" + key).baseUrl(gateway.url("/v1")).maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
        upstream.close();
    }

    private static ChatCompletionCreateParams chat() {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Say hello").build();
    }

    @Test
    void unaryChat() {
        upstream.script(r -> new MockUpstream.Json(200, COMPLETION));
        ChatCompletion completion = client.chat().completions().create(chat());
        assertEquals("Hello from upstream", completion.choices().get(0).message().content().orElse(""));
        assertEquals(12, completion.usage().orElseThrow().totalTokens());
    }

    @Test
    void streamingChat() {
        upstream.script(r -> MockUpstream.Stream.sse(List.of(
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},"
                        + "\"finish_reason\":null}]}\n\n",
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n")));
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }
        assertEquals("Hello", text.toString());
    }

    @Test
    void embeddings() {
        upstream.script(r -> new MockUpstream.Json(200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\","
                + "\"index\":0,\"embedding\":[0.5,-0.5]}],\"model\":\"text-embedding-3-small\","
                + "\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}"));
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("hello").build());
        assertEquals(List.of(0.5f, -0.5f), response.data().get(0).embedding());
    }

    @Test
    void errorsMapToTheSdksExceptions() {
        OpenAIClient stranger = OpenAIOkHttpClient.builder().apiKey("sk-unknown").baseUrl(gateway.url("/v1"))
                .maxRetries(0).build();
        try {
            UnauthorizedException e = assertThrows(UnauthorizedException.class,
                    () -> stranger.chat().completions().create(chat()));
            assertTrue(e.getMessage().contains("Invalid API key"), e.getMessage());
        } finally {
            stranger.close();
        }
        upstream.script(r -> new MockUpstream.Json(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\","
                + "\"code\":\"rate_limit_exceeded\"}}"));
        assertThrows(RateLimitException.class, () -> client.chat().completions().create(chat()));
    }

    @Test
    void modelsListAndRetrieve() {
        List<Model> models = client.models().list().data();
        assertEquals(List.of("gpt-4o-mini", "text-embedding-3-small"), models.stream().map(Model::id).toList());
        assertThrows(NotFoundException.class, () -> client.models().retrieve("no-such-model"));
    }
}
