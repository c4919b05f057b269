package io.oneapi.proxy.relay;

import io.oneapi.proxy.client.OpenAiError;
import io.oneapi.proxy.fetch.ImageFetchException;
import io.oneapi.proxy.fetch.ImageUrls;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.NeedsInlineImages;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.RelayMode;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The step before translation for adapters that want images inline ({@link NeedsInlineImages}): the
 * request's http(s) image URLs are fetched once per request by the guarded fetcher, off the event loop,
 * and offered to the adapter through the request view.
 */
final class InlineImageStep {
    private InlineImageStep() {
    }

    static boolean wanted(RelayServices services, ClientRequestView view, RelayMode mode, ProviderAdapter adapter,
                          ExchangeContext context) {
        return services.images() != null && !view.imagesFetched() && mode == RelayMode.CHAT_COMPLETIONS
                && adapter instanceof NeedsInlineImages wants && wants.needsInlineImages(context);
    }

    /** Fetches; then exactly one of the callbacks runs on {@code loop}. */
    static void fetch(RelayServices services, ClientRequestView view, Executor loop, Runnable onReady,
                      Consumer<OpenAiError> onRefused) {
        List<String> urls;
        try {
            urls = ImageUrls.in(view.json());
        } catch (IllegalArgumentException e) {
            urls = List.of(); // not JSON: the adapter reports it when it translates
        }
        services.images().fetchAll(urls).whenComplete((images, failure) -> loop.execute(() -> {
            if (failure != null) {
                ImageFetchException refused = ImageFetchException.unwrap(failure);
                onRefused.accept(new OpenAiError(refused.status(), refused.getMessage(),
                        refused.status() == 400 ? "invalid_request_error" : "one_api_error", "", refused.code()));
                return;
            }
            view.offerImages(images);
            onReady.run();
        }));
    }
}
