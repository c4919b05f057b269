package io.oneapi.admin.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/**
 * Refuses management API requests a browser made on behalf of another site. Several of One API's routes change
 * state on GET (e-mail and WeChat binding, access-token rotation, channel tests), and the session cookie is
 * SameSite=Lax, so a link or redirect from another site would carry it: a forged bind is an account takeover.
 * Browsers say where a request comes from in {@code Sec-Fetch-Site}; the UI's own calls are {@code same-origin},
 * a typed address {@code none}, and clients that are not browsers send no such header and are not affected.
 */
final class CrossSite {
    static final String REFUSED = "cross-site requests to the management API are refused";
    private static final HttpString SEC_FETCH_SITE = new HttpString("Sec-Fetch-Site");

    private CrossSite() {
    }

    static boolean isCrossSite(HttpServerExchange exchange) {
        String site = exchange.getRequestHeaders().getFirst(SEC_FETCH_SITE);
        // "same-site" is another origin of the same site (a sibling subdomain): not ours either.
        return "cross-site".equalsIgnoreCase(site) || "same-site".equalsIgnoreCase(site);
    }
}
