package io.oneapi.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The client's request as the core received it (already authenticated, body already gunzipped).
 * The core parses the JSON body at most once and only when an adapter asks for it, so pass-through
 * adapters that never call {@link #json()} cost no parse.
 */
public interface ClientRequest {

    String method();

    /** The path without the query string, e.g. {@code /v1/chat/completions}. */
    String path();

    /** Raw query string without '?', empty when none. */
    String query();

    /** A request header (case-insensitive name), or null. */
    String header(String name);

    /** All request headers in arrival order. */
    List<Header> headers();

    /** The {@code Content-Type} header, or empty. */
    String contentType();

    /** The body bytes. Each call returns a fresh copy; prefer {@link #json()} for JSON bodies. */
    byte[] bodyBytes();

    /** The body parsed as JSON (cached); throws {@link IllegalArgumentException} when it is not JSON. */
    JsonNode json();

    /**
     * An image the core fetched for this request (see {@link NeedsInlineImages}); empty when the URL was
     * not fetched or the fetch was refused. {@code data:} URLs are never fetched: adapters decode them.
     */
    @Experimental
    default java.util.Optional<InlineImage> inlineImage(String url) {
        return java.util.Optional.empty();
    }
}
