package io.oneapi.plugin.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.AccessToken;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.Header;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.testing.FixtureClientRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service-account side of Vertex AI: the JWT-bearer token request (signature checked with the public
 * half of a key pair made for the test, claims checked), the token answer, and the credential key.
 */
class OpenAiToVertexExchangeTest {
    static KeyPair keys;

    @BeforeAll
    static void makeKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    /** A key file as Google issues it: PKCS#8 PEM with 64-character lines. */
    static String keyFile(KeyPair pair, String tokenUri) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode json = Json.object().put("type", "service_account").put("project_id", "key-proj")
                .put("private_key_id", "kid-42").put("private_key", pem)
                .put("client_email", "relay@key-proj.iam.gserviceaccount.com").put("client_id", "1")
                .put("token_uri", tokenUri);
        return json.toString();
    }

    static OpenAiToVertexExchange exchange(String adc) {
        return exchange(adc, "gemini-2.0-flash-001");
    }

    static OpenAiToVertexExchange exchange(String adc, String model) {
        Map<String, String> config = new HashMap<>(Map.of("region", "us-east5", "vertex_ai_project_id", "proj"));
        config.put("vertex_ai_adc", adc);
        ChannelInfo channel = new ChannelInfo(9, GoogleChannelTypes.VERTEX_AI, "vertex", "", "", config, "");
        ExchangeContext context = new ExchangeContext(channel, RelayMode.CHAT_COMPLETIONS, "/v1/chat/completions",
                "", model, null, false, "", false);
        return (OpenAiToVertexExchange) new GoogleAdapter().newExchange(context);
    }

    @Test
    void theTokenRequestCarriesAnRs256AssertionSignedWithTheServiceAccountKey() throws Exception {
        OpenAiToVertexExchange exchange = exchange(keyFile(keys, "https://oauth2.googleapis.com/token"));
        long before = Instant.now().getEpochSecond();
        UpstreamRequest request = exchange.credentialRequest();

        assertEquals("POST", request.method());
        assertEquals("https://oauth2.googleapis.com/token", request.url());
        assertTrue(request.headers().contains(new Header("Content-Type", "application/x-www-form-urlencoded")));
        Map<String, String> form = form(new String(request.body(), StandardCharsets.US_ASCII));
        assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", form.get("grant_type"));

        String[] jwt = form.get("assertion").split("\\.");
        assertEquals(3, jwt.length);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(Base64.getUrlDecoder().decode(jwt[2])), "signature must verify with the public key");

        JsonNode header = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt[0]));
        assertEquals("RS256", header.get("alg").asText());
        assertEquals("JWT", header.get("typ").asText());
        assertEquals("kid-42", header.get("kid").asText());
        JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertEquals("relay@key-proj.iam.gserviceaccount.com", claims.get("iss").asText());
        assertEquals("https://www.googleapis.com/auth/cloud-platform", claims.get("scope").asText());
        assertEquals("https://oauth2.googleapis.com/token", claims.get("aud").asText());
        long iat = claims.get("iat").asLong();
        assertTrue(iat >= before && iat <= Instant.now().getEpochSecond(), "iat is now");
        assertEquals(iat + 3600, claims.get("exp").asLong());
        assertFalse(jwt[0].contains("=") || jwt[1].contains("=") || jwt[2].contains("="), "base64url without padding");
    }

    @Test
    void aTamperedAssertionDoesNotVerify() throws Exception {
        String[] jwt = form(new String(exchange(keyFile(keys, "https://t/token")).credentialRequest().body(),
                StandardCharsets.US_ASCII)).get("assertion").split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(new String(
                Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8).replace("relay@", "admin@")
                .getBytes(StandardCharsets.UTF_8));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((jwt[0] + "." + forged).getBytes(StandardCharsets.US_ASCII));
        assertFalse(verifier.verify(Base64.getUrlDecoder().decode(jwt[2])));
    }

    @Test
    void unusableKeysAreConfigurationErrorsThatNeverQuoteTheKey() {
        String pkcs1 = keyFile(keys, "https://t/token").replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> exchange(pkcs1).credentialRequest());
        assertEquals("the private key is PKCS#1; a PKCS#8 key (BEGIN PRIVATE KEY) is needed", e.getMessage());

        ObjectNode broken = (ObjectNode) Json.parseLenient(keyFile(keys, "https://t/token")
                .getBytes(StandardCharsets.UTF_8));
        broken.put("private_key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        e = assertThrows(IllegalStateException.class, () -> exchange(broken.toString()).credentialRequest());
        assertEquals("the private key cannot be read as an RSA PKCS#8 key", e.getMessage());

        broken.put("token_uri", "file:///etc/passwd");
        e = assertThrows(IllegalStateException.class, () -> exchange(broken.toString()));
        assertEquals("vertex_ai_adc token_uri must be an http(s) URL", e.getMessage());
    }

    @Test
    void aKeyFileWithoutTokenUriUsesGooglesEndpoint() {
        ObjectNode file = (ObjectNode) Json.parseLenient(keyFile(keys, "x").getBytes(StandardCharsets.UTF_8));
        file.remove("token_uri");
        assertEquals("https://oauth2.googleapis.com/token", exchange(file.toString()).credentialRequest().url());
    }

    @Test
    void theCredentialKeyNamesTheKeyFileWithoutRevealingIt() {
        String file = keyFile(keys, "https://t/token");
        String key = exchange(file).credentialKey();
        assertEquals(key, exchange(file).credentialKey(), "stable for the same key file");
        assertTrue(key.startsWith("vertex-sa:") && key.length() == "vertex-sa:".length() + 32, key);
        assertFalse(file.contains(key.substring("vertex-sa:".length())));
        assertNotEquals(key, exchange(keyFile(keys, "https://other/token")).credentialKey());
    }

    @Test
    void theTokenAnswerIsReadWithItsLifetime() {
        OpenAiToVertexExchange exchange = exchange(keyFile(keys, "https://t/token"));
        AccessToken token = exchange.parseCredential(
                "{\"access_token\":\"ya29.a0Af\",\"expires_in\":3599,\"token_type\":\"Bearer\"}"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals("ya29.a0Af", token.value());
        assertEquals(Duration.ofSeconds(3599), token.validFor());
        assertEquals(Duration.ofHours(1), exchange.parseCredential("{\"access_token\":\"t\"}"
                .getBytes(StandardCharsets.UTF_8)).validFor(), "an hour when expires_in is absent");
        assertThrows(IllegalArgumentException.class, () -> exchange.parseCredential(
                "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> exchange.parseCredential(new byte[0]));
    }

    @Test
    void noRequestGoesOutWithoutAToken() {
        for (String model : List.of("gemini-2.0-flash-001", "claude-3-5-haiku@20241022")) {
            OpenAiToVertexExchange exchange = exchange(keyFile(keys, "https://t/token"), model);
            FixtureClientRequest request = FixtureClientRequest.chat(
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            assertThrows(IllegalStateException.class, () -> exchange.translateRequest(request), model);
            exchange.useCredential(new AccessToken("ya29.t", Duration.ofMinutes(5)));
            List<Header> headers = exchange.translateRequest(request).headers();
            assertTrue(headers.contains(new Header("Authorization", "Bearer ya29.t")), model + ": " + headers);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
