package io.oneapi.plugin.china.xunfei;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The signed Spark URL against iFlytek's worked example ({@code fixtures/xunfei/auth-url-vector.json}). */
class SparkAuthUrlTest {

    @Test
    void signsTheWorkedExample() throws Exception {
        JsonNode vector = new ObjectMapper().readTree(
                Path.of("src/test/resources/fixtures/xunfei/auth-url-vector.json").toFile());
        Instant at = Instant.ofEpochSecond(vector.get("epochSecond").asLong());
        assertEquals(vector.get("date").asText(), SparkAuthUrl.date(at));
        assertEquals(vector.get("signature").asText(), SparkAuthUrl.signature(vector.get("host").asText(),
                vector.get("date").asText(), vector.get("path").asText(), vector.get("apiSecret").asText()));
        assertEquals(vector.get("url").asText(), SparkAuthUrl.sign("wss://" + vector.get("host").asText()
                + vector.get("path").asText(), vector.get("apiKey").asText(), vector.get("apiSecret").asText(), at));
    }

    @Test
    void theDateHasTwoDigitDaysInGmt() {
        assertEquals("Mon, 01 Jan 2024 00:00:00 GMT", SparkAuthUrl.date(Instant.parse("2024-01-01T00:00:00Z")));
    }

    @Test
    void versionsDomainsAndPathsFollowOneApi() {
        assertEquals("v3.1-128K", SparkVersions.version("Spark-Pro-128K", ""));
        assertEquals("v4.0", SparkVersions.version("Spark-4.0-Ultra", "v1.1"));
        assertEquals("v3.5", SparkVersions.version("SparkDesk-v3.5", ""));
        assertEquals("v2.1", SparkVersions.version("spark", "v2.1"));
        assertEquals("v1.1", SparkVersions.version("spark", ""));
        assertEquals("pro-128k", SparkVersions.domain("v3.1-128K"));
        assertEquals("4.0Ultra", SparkVersions.domain("v4.0"));
        assertEquals("generalv9", SparkVersions.domain("v9"));
        assertEquals("/chat/pro-128k", SparkVersions.path("v3.1-128K"));
        assertEquals("/v4.0/chat", SparkVersions.path("v4.0"));
    }
}
