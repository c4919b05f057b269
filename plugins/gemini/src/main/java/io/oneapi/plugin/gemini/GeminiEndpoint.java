package io.oneapi.plugin.gemini;

import io.oneapi.spi.Header;

/** Where a Gemini-format request goes and how it authenticates: Google AI Studio or Vertex AI. */
interface GeminiEndpoint {
    String GENERATE = "generateContent";
    String STREAM = "streamGenerateContent?alt=sse";
    String EMBED = "batchEmbedContents";

    /**
     * The URL of {@code method} for {@code model} (already a safe path segment).
     *
     * @param beta whether the request needs the v1beta API (only AI Studio chooses versions)
     */
    String url(String model, String method, boolean beta);

    /** The header carrying the credential. */
    Header auth();
}
