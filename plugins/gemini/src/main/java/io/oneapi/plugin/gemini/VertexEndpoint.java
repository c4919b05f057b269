package io.oneapi.plugin.gemini;

import io.oneapi.spi.Header;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Vertex AI's publisher models: {@code https://{region}-aiplatform.googleapis.com/v1/projects/{project}}
 * {@code /locations/{region}/publishers/{publisher}/models/{model}:{method}}
 * ({@code aiplatform.googleapis.com} for the {@code global} location; a channel base URL replaces the host),
 * authenticated with the OAuth access token the core obtained (see {@link OpenAiToVertexExchange}). As a
 * {@link GeminiEndpoint} it addresses Google's own models ({@code publishers/google}).
 */
final class VertexEndpoint implements GeminiEndpoint {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]+");

    private final String host;
    private final String project;
    private final String region;
    private final Supplier<String> accessToken;

    VertexEndpoint(String baseUrl, String project, String region, Supplier<String> accessToken) {
        if (!SAFE.matcher(region).matches() || !SAFE.matcher(project).matches()) {
            throw new IllegalStateException("Vertex AI region and project id may hold only letters, digits, '.', '_', ':' and '-'");
        }
        this.host = !baseUrl.isEmpty() ? baseUrl
                : region.equals("global") ? "https://aiplatform.googleapis.com"
                : "https://" + region + "-aiplatform.googleapis.com";
        this.project = project;
        this.region = region;
        this.accessToken = accessToken;
    }

    @Override
    public String url(String model, String method, boolean beta) {
        return url("google", model, method);
    }

    /** The URL of {@code method} for {@code model} (already a safe path segment) of {@code publisher}. */
    String url(String publisher, String model, String method) {
        return host + "/v1/projects/" + project + "/locations/" + region + "/publishers/" + publisher + "/models/"
                + model + ":" + method;
    }

    @Override
    public Header auth() {
        return new Header("Authorization", "Bearer " + accessToken.get());
    }
}
