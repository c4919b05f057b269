package io.oneapi.proxy.billing;

import java.util.Locale;

/**
 * The price of one image generation request.
 *
 * @param quota the full charge (One API: {@code int(modelRatio x groupRatio x sizeRatio x 1000) x n})
 * @param n images billed (1 on Replicate, which always returns one image)
 */
public record ImageQuote(long quota, double modelRatio, double groupRatio, double sizeRatio, int n) {

    /** The consume log's content, e.g. {@code model ratio 20.00, group ratio 1.00}. */
    public String logContent() {
        return String.format(Locale.ROOT, "model ratio %.2f, group ratio %.2f", modelRatio, groupRatio);
    }
}
