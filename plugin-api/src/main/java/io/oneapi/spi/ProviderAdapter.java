package io.oneapi.spi;

import org.pf4j.ExtensionPoint;

/**
 * One provider family (OpenAI-compatible, Anthropic, Gemini ...). Stateless and thread-safe: the core
 * keeps one instance per plugin and asks it for a fresh {@link ProviderExchange} per request attempt.
 *
 * <p>Adapters never perform I/O: sockets, pools, retries and billing belong to the core.
 */
public interface ProviderAdapter extends ExtensionPoint {

    /** What this adapter serves: its id, the channel types, default base URLs and models. */
    ProviderDescriptor descriptor();

    /** A new, single-threaded exchange for one attempt against one provider channel. */
    ProviderExchange newExchange(ExchangeContext context);

    /**
     * Classifies an upstream failure so the core can decide retry and automatic disable.
     * The default understands OpenAI-shaped error bodies; adapters override for their own format.
     */
    default ErrorKind classifyError(int status, UpstreamHeaders headers, byte[] body) {
        return ErrorClassifier.classifyOpenAiStyle(status, body);
    }
}
