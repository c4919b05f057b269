package io.oneapi.spi;

/**
 * Optional ability of a {@link ProviderExchange} whose upstream wants a short-lived token that must first
 * be fetched from a token endpoint: an OAuth2 JWT-bearer grant for Vertex AI, a client-credentials grant
 * for Baidu ERNIE, and so on. Adapters do no I/O, so the core performs that call.
 *
 * <p>Before {@link ProviderExchange#translateRequest} the core asks {@link #credentialKey()}. When it holds
 * an unexpired token for this provider channel and key it hands it to {@link #useCredential} at once;
 * otherwise it sends {@link #credentialRequest()} itself (off the event loop, one call per channel and key
 * however many requests wait for it), turns a 2xx answer into a token with {@link #parseCredential},
 * caches it per channel until shortly before it expires, and then calls {@link #useCredential}.
 * A token endpoint that refuses (4xx) fails the attempt as {@link ErrorKind#AUTH_FAILED}.
 *
 * <p>{@link #credentialRequest()} and {@link #parseCredential} may run on another thread than
 * {@link ProviderExchange#translateRequest}, never at the same time.
 */
@Experimental
public interface NeedsCredential {

    /**
     * Names the credential this attempt needs, so tokens are shared by attempts with the same key on the
     * same channel and refetched when the channel's secret changes. Derive it from the secret (a hash),
     * never return the secret itself. Must be cheap: it is asked on every attempt.
     */
    String credentialKey();

    /**
     * The call to the token endpoint, including any signed assertion. Throws {@link IllegalStateException}
     * when the channel's secret cannot be used (malformed key, missing field).
     */
    UpstreamRequest credentialRequest();

    /** Reads the token endpoint's successful answer; {@link IllegalArgumentException} when it holds no token. */
    AccessToken parseCredential(byte[] body);

    /** Receives the token before {@link ProviderExchange#translateRequest} is called. */
    void useCredential(AccessToken token);
}
