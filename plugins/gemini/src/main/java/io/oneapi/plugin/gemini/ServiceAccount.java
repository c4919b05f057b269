package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Locale;

/**
 * The fields of a Google service-account key file (the channel's {@code vertex_ai_adc}) that the JWT-bearer
 * grant needs. Error messages name missing fields, never their values.
 */
record ServiceAccount(String clientEmail, String privateKeyPem, String privateKeyId, String tokenUri,
                      String projectId) {
    static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

    @Override
    public String toString() {
        return "ServiceAccount[" + clientEmail + "]";
    }

    static ServiceAccount parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("vertex_ai_adc is not valid JSON (expected a service account key file)");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException("vertex_ai_adc is not a JSON object (expected a service account key file)");
        }
        String type = root.path("type").asText("service_account");
        if (!type.equals("service_account")) {
            throw new IllegalStateException("vertex_ai_adc has type '" + type + "'; only service_account keys work");
        }
        String tokenUri = root.path("token_uri").asText("");
        String lowerUri = tokenUri.toLowerCase(Locale.ROOT);
        if (!tokenUri.isEmpty() && !lowerUri.startsWith("https://") && !lowerUri.startsWith("http://")) {
            throw new IllegalStateException("vertex_ai_adc token_uri must be an http(s) URL");
        }
        return new ServiceAccount(required(root, "client_email"), required(root, "private_key"),
                root.path("private_key_id").asText(""), tokenUri.isEmpty() ? DEFAULT_TOKEN_URI : tokenUri,
                root.path("project_id").asText(""));
    }

    private static String required(JsonNode root, String field) {
        String value = root.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalStateException("vertex_ai_adc has no " + field);
        }
        return value;
    }
}
