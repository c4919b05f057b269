package io.oneapi.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the core sends upstream for one attempt.
 *
 * @param url absolute {@code http(s)} URL including any query string
 * @param headers headers to send; the core adds Host, Content-Length and connection headers itself
 * @param body the bytes to send, or {@code null} to forward the client's body untouched (no copy)
 */
public record UpstreamRequest(String method, String url, List<Header> headers, byte[] body) {
    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = List.copyOf(headers);
    }

    /** True when the client's body goes upstream byte for byte. */
    public boolean forwardsClientBody() {
        return body == null;
    }

    public static Builder builder(String method, String url) {
        return new Builder(method, url);
    }

    /** Small builder so adapters can add headers conditionally. */
    public static final class Builder {
        private final String method;
        private final String url;
        private final List<Header> headers = new ArrayList<>();
        private byte[] body;

        private Builder(String method, String url) {
            this.method = method;
            this.url = url;
        }

        public Builder header(String name, String value) {
            headers.add(new Header(name, value));
            return this;
        }

        public Builder body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        public UpstreamRequest build() {
            return new UpstreamRequest(method, url, headers, body);
        }
    }
}
