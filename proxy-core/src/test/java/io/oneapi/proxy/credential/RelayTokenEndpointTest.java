package io.oneapi.proxy.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.upstream.UpstreamConnector;
import io.oneapi.spi.UpstreamRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Token calls through the relay's connector: the answer as it came, capped; failures as IOExceptions. */
class RelayTokenEndpointTest {
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final UpstreamConnector connector = new UpstreamConnector(NioSocketChannel.class, NioDatagramChannel.class,
            "", Duration.ofSeconds(5), Duration.ofSeconds(30));
    private final RelayTokenEndpoint endpoint = new RelayTokenEndpoint(connector, loops);

    @AfterEach
    void close() {
        connector.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static UpstreamRequest tokenRequest(String url) {
        return UpstreamRequest.builder("POST", url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=abc"
                        .getBytes(StandardCharsets.UTF_8))
                .build();
    }

    @Test
    void postsTheFormAndReturnsStatusAndBody() throws Exception {
        try (MockUpstream token = new MockUpstream().script(r -> new MockUpstream.Json(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"))) {
            TokenEndpoint.Answer answer = endpoint.send(tokenRequest(token.baseUrl() + "/token"));
            assertEquals(400, answer.status());
            assertEquals("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}",
                    new String(answer.body(), StandardCharsets.UTF_8));
            MockUpstream.Received sent = token.received().get(0);
            assertEquals("POST", sent.method());
            assertEquals("/token", sent.uri());
            assertEquals("application/x-www-form-urlencoded", sent.header("Content-Type"));
            assertTrue(sent.bodyText().endsWith("&assertion=abc"), sent.bodyText());
        }
    }

    @Test
    void anOversizedAnswerOrAClosedPortIsAnIoException() throws Exception {
        String huge = "{\"access_token\":\"" + "x".repeat(RelayTokenEndpoint.MAX_ANSWER_BYTES) + "\"}";
        try (MockUpstream token = new MockUpstream().script(r -> new MockUpstream.Json(200, huge))) {
            assertThrows(IOException.class, () -> endpoint.send(tokenRequest(token.baseUrl() + "/token")));
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThrows(IOException.class, () -> endpoint.send(tokenRequest("http://127.0.0.1:" + closed + "/token")));
    }
}
