package io.oneapi.proxy.credential;

import io.oneapi.spi.UpstreamRequest;
import java.io.IOException;

/** Sends a token request and waits for the answer. Blocking: call it off the event loop only. */
interface TokenEndpoint {

    /** The token endpoint's status and body. */
    record Answer(int status, byte[] body) {
    }

    Answer send(UpstreamRequest request) throws IOException, InterruptedException;
}
