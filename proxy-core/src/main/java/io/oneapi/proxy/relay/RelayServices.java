package io.oneapi.proxy.relay;

import io.oneapi.proxy.credential.CredentialBroker;
import io.oneapi.proxy.fetch.ImageFetcher;
import io.oneapi.proxy.route.ChannelHealth;
import io.oneapi.proxy.route.ChannelRouter;
import io.oneapi.proxy.upstream.UpstreamConnector;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Everything a relay flow uses, built once by the proxy server.
 *
 * @param blocking the bounded executor for JDBC, Redis and tokenizer work on the request path
 * @param settlement where settlements and releases run; never rejects (nothing billed may be lost)
 * @param relayTimeout {@code RELAY_TIMEOUT}; zero for none
 * @param enforceIncludeUsage {@code ENFORCE_INCLUDE_USAGE}
 * @param images fetches image URLs for adapters that want images inline; null disables inline images
 * @param credentials obtains and caches access tokens for exchanges that need one ({@code NeedsCredential})
 * @param gatewaySettings provider settings from the configuration, handed to adapters in every
 *     {@code ExchangeContext} ({@code GEMINI_VERSION}, {@code GEMINI_SAFETY_SETTING})
 */
public record RelayServices(ChannelRouter router, ChannelHealth health, ProviderLookup providers,
                            UpstreamConnector upstream, RelayBilling billing, RelayPolicy policy, Executor blocking,
                            Executor settlement,
                            Duration relayTimeout, boolean enforceIncludeUsage, int maxResponseBytes,
                            ImageFetcher images, CredentialBroker credentials, Map<String, String> gatewaySettings) {
}
