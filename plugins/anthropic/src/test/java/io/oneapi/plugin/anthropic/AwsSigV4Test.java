package io.oneapi.plugin.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The signer against AWS's published SigV4 test suite vectors ({@code fixtures/aws/sigv4-vectors.json}). */
class AwsSigV4Test {

    @TestFactory
    Stream<DynamicTest> reproducesAwsTestSuiteSignatures() {
        JsonNode suite = Fixtures.read("aws/sigv4-vectors.json");
        return java.util.stream.StreamSupport.stream(suite.path("cases").spliterator(), false)
                .map(vector -> DynamicTest.dynamicTest(vector.path("name").asText(), () -> {
                    SortedMap<String, String> headers = new TreeMap<>();
                    vector.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
                    AwsSigV4.Signature signature = AwsSigV4.sign(suite.at("/credentials/accessKey").asText(),
                            suite.at("/credentials/secretKey").asText(), suite.path("region").asText(),
                            suite.path("service").asText(), vector.path("method").asText(),
                            URI.create(vector.path("url").asText()), headers,
                            vector.path("body").asText().getBytes(StandardCharsets.UTF_8),
                            suite.path("amzDate").asText());
                    if (vector.has("canonicalRequest")) {
                        assertEquals(vector.get("canonicalRequest").asText(), signature.canonicalRequest());
                    }
                    if (vector.has("stringToSign")) {
                        assertEquals(vector.get("stringToSign").asText(), signature.stringToSign());
                    }
                    assertEquals(vector.path("authorization").asText(), signature.authorization());
                }));
    }

    @Test
    void encodesPathSegmentsAgainAsNonS3ServicesExpect() {
        // Bedrock model ids carry ':' (sent as %3A); the canonical URI encodes the sent path once more.
        assertEquals("/model/anthropic.claude-3-haiku-20240307-v1%253A0/invoke",
                AwsSigV4.canonicalUri("/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke"));
        assertEquals("/", AwsSigV4.canonicalUri(""));
        assertEquals("/a%2520b/", AwsSigV4.canonicalUri("/a%20b/"));
    }

    @Test
    void encodesTheAwsWay() {
        assertEquals("AZaz09-_.~", AwsSigV4.uriEncode("AZaz09-_.~", true));
        assertEquals("a%20b%2Fc%3A%2B%2A%E1%88%B4", AwsSigV4.uriEncode("a b/c:+*\u1234", true));
        assertEquals("a/b", AwsSigV4.uriEncode("a/b", false));
    }

    @Test
    void canonicalQueryDecodesThenEncodesAndSortsByNameThenValue() {
        assertEquals("", AwsSigV4.canonicalQuery(null));
        assertEquals("a=&b=2&b=3&c%20d=%2B", AwsSigV4.canonicalQuery("b=3&c%20d=%2B&b=2&a&&"));
        assertEquals("x=100%25", AwsSigV4.canonicalQuery("x=100%"));
    }
}
