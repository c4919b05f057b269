package io.oneapi.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

    private static ErrorKind classify(int status, String body) {
        return ErrorClassifier.classifyOpenAiStyle(status, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void deadKeysAreAuthFailures() {
        assertEquals(ErrorKind.AUTH_FAILED, classify(401, "{\"error\":{\"message\":\"Incorrect API key\"}}"));
        assertEquals(ErrorKind.AUTH_FAILED,
                classify(400, "{\"error\":{\"code\":\"account_deactivated\",\"message\":\"x\"}}"));
        assertEquals(ErrorKind.AUTH_FAILED,
                classify(403, "{\"error\":{\"message\":\"Your access was terminated due to violation\"}}"));
        assertEquals(ErrorKind.AUTH_FAILED, classify(403, "{\"error\":{\"type\":\"permission_error\"}}"));
    }

    /** Neither proves a dead key (so no auto-disable), and another channel may serve the request (so a retry). */
    @Test
    void bare403And404AreNeitherDeadKeysNorBadRequests() {
        assertEquals(ErrorKind.UNKNOWN, classify(403, "forbidden"));
        assertEquals(ErrorKind.UNKNOWN, classify(403,
                "{\"error\":{\"code\":\"unsupported_country_region_territory\",\"message\":\"Country not supported\"}}"));
        assertEquals(ErrorKind.UNKNOWN, classify(404,
                "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment does not exist\"}}"));
    }

    @Test
    void exhaustedCreditBeatsTheStatus() {
        assertEquals(ErrorKind.QUOTA_EXHAUSTED,
                classify(429, "{\"error\":{\"type\":\"insufficient_quota\",\"message\":\"You exceeded your quota\"}}"));
        assertEquals(ErrorKind.QUOTA_EXHAUSTED, classify(400, "{\"error\":\"Your credit balance is too low\"}"));
    }

    @Test
    void statusDecidesTheRest() {
        assertEquals(ErrorKind.RATE_LIMITED, classify(429, "{\"error\":{\"message\":\"slow down\"}}"));
        assertEquals(ErrorKind.CONTEXT_TOO_LONG,
                classify(400, "{\"error\":{\"code\":\"context_length_exceeded\",\"message\":\"too long\"}}"));
        assertEquals(ErrorKind.BAD_REQUEST, classify(400, "{\"error\":{\"message\":\"bad\"}}"));
        assertEquals(ErrorKind.UNAVAILABLE, classify(503, "<html>Service Unavailable</html>"));
        assertEquals(ErrorKind.UNAVAILABLE, classify(408, null));
        assertEquals(ErrorKind.UNKNOWN, classify(302, ""));
    }

    @Test
    void malformedBodiesFallBackToTheStatus() {
        assertEquals(ErrorKind.UNAVAILABLE, classify(500, "{not json"));
        assertEquals(ErrorKind.BAD_REQUEST, classify(422, "[1,2,3]"));
    }
}
