package io.oneapi.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oneapi.proxy.client.OpenAiError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UpstreamErrorsTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void passesOpenAiErrorObjectsThroughWithTheUpstreamStatus() {
        OpenAiError e = UpstreamErrors.fromResponse(401, b("{\"error\":{\"message\":\"Incorrect API key\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"), null);
        assertEquals(401, e.status());
        assertEquals("Incorrect API key", e.message());
        assertEquals("invalid_request_error", e.type());
        assertEquals("invalid_api_key", e.code());
    }

    @Test
    void findsMessagesInOtherShapes() {
        assertEquals("m1", UpstreamErrors.fromResponse(500, b("{\"message\":\"m1\"}"), null).message());
        assertEquals("m2", UpstreamErrors.fromResponse(500, b("{\"msg\":\"m2\"}"), null).message());
        assertEquals("m3", UpstreamErrors.fromResponse(500, b("{\"error_msg\":\"m3\"}"), null).message());
        assertEquals("m4", UpstreamErrors.fromResponse(500, b("{\"header\":{\"message\":\"m4\"}}"), null).message());
        OpenAiError none = UpstreamErrors.fromResponse(503, b("<html>oops</html>"), null);
        assertEquals("bad response status code 503", none.message());
        assertEquals("upstream_error", none.type());
        assertEquals("bad_response_status_code", none.code());
        assertEquals("503", none.param());
        assertEquals(503, none.status());
    }

    @Test
    void anErrorInsideA200BodyIsNotAnOk() {
        assertEquals(500, UpstreamErrors.fromResponse(200, b("{\"error\":{\"message\":\"x\"}}"), null).status());
    }
}
