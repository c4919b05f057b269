package io.oneapi.proxy.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http.HttpMethod;
import io.oneapi.spi.RelayMode;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    @Test
    void resolvesRelayRoutes() {
        assertEquals(RelayMode.CHAT_COMPLETIONS, RouteTable.resolve(HttpMethod.POST, "/v1/chat/completions").mode());
        assertEquals(RelayMode.AUDIO_TRANSCRIPTION,
                RouteTable.resolve(HttpMethod.POST, "/v1/audio/transcriptions").mode());
        Route engines = RouteTable.resolve(HttpMethod.POST, "/v1/engines/text-embedding-ada-002/embeddings");
        assertEquals(RelayMode.EMBEDDINGS, engines.mode());
        assertEquals("text-embedding-ada-002", engines.argument());
    }

    @Test
    void resolvesInfoRoutes() {
        assertEquals(Route.Kind.MODELS, RouteTable.resolve(HttpMethod.GET, "/v1/models").kind());
        Route model = RouteTable.resolve(HttpMethod.GET, "/v1/models/gpt-4o");
        assertEquals(Route.Kind.MODEL, model.kind());
        assertEquals("gpt-4o", model.argument());
        assertEquals(Route.Kind.BILLING_USAGE, RouteTable.resolve(HttpMethod.GET, "/v1/dashboard/billing/usage").kind());
        assertEquals(Route.Kind.BILLING_SUBSCRIPTION,
                RouteTable.resolve(HttpMethod.GET, "/dashboard/billing/subscription").kind());
    }

    @Test
    void notImplementedAndNotFound() {
        assertEquals(Route.Kind.NOT_IMPLEMENTED, RouteTable.resolve(HttpMethod.GET, "/v1/files").kind());
        assertEquals(Route.Kind.NOT_IMPLEMENTED, RouteTable.resolve(HttpMethod.POST, "/v1/images/edits").kind());
        assertEquals(Route.Kind.NOT_IMPLEMENTED, RouteTable.resolve(HttpMethod.DELETE, "/v1/models/x").kind());
        assertEquals(Route.Kind.NOT_IMPLEMENTED,
                RouteTable.resolve(HttpMethod.POST, "/v1/threads/t/runs").kind());
        assertEquals(Route.Kind.NOT_IMPLEMENTED, RouteTable.resolve(HttpMethod.GET, "/v1/files/f-1/content").kind());
        assertEquals(Route.Kind.NOT_IMPLEMENTED,
                RouteTable.resolve(HttpMethod.POST, "/v1/fine_tuning/jobs/j-1/cancel").kind());
        assertEquals(Route.Kind.NOT_IMPLEMENTED,
                RouteTable.resolve(HttpMethod.GET, "/v1/fine_tuning/jobs/j-1/events").kind());
        // Methods OpenAI does not define on these paths are unknown routes, as in One API.
        assertEquals(Route.Kind.NOT_FOUND, RouteTable.resolve(HttpMethod.GET, "/v1/images/edits").kind());
        assertEquals(Route.Kind.NOT_FOUND, RouteTable.resolve(HttpMethod.PUT, "/v1/files").kind());
        assertEquals(Route.Kind.NOT_FOUND, RouteTable.resolve(HttpMethod.POST, "/v1/files/f-1/content").kind());
        assertEquals(Route.Kind.NOT_FOUND, RouteTable.resolve(HttpMethod.GET, "/v1/fine_tuning/jobs/j-1/cancel").kind());
        assertEquals(Route.Kind.NOT_FOUND, RouteTable.resolve(HttpMethod.GET, "/v1/fine_tuning").kind());
        assertEquals(Route.Kind.NOT_FOUND, RouteTable.resolve(HttpMethod.POST, "/v1/nope").kind());
        assertEquals(Route.Kind.NOT_FOUND, RouteTable.resolve(HttpMethod.GET, "/v1/chat/completions").kind());
        assertEquals(Route.Kind.OTHER, RouteTable.resolve(HttpMethod.GET, "/api/status").kind());
        assertEquals(Route.Kind.OTHER, RouteTable.resolve(HttpMethod.GET, "/").kind());
    }

    @Test
    void proxyRouteCarriesChannelAndTarget() {
        Route r = RouteTable.resolve(HttpMethod.POST, "/v1/oneapi/proxy/12/v1/messages");
        assertEquals(Route.Kind.PROXY, r.kind());
        assertEquals("12", r.argument());
        assertEquals("/v1/messages", r.target());
    }
}
