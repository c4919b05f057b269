package io.oneapi.spi;

/**
 * Optional ability of a {@link ProviderExchange} in {@link StreamMode#TRANSLATE} whose upstream speaks over a
 * WebSocket, one JSON message at a time (iFlytek Spark v1). Adapters do no I/O: the core opens the socket,
 * sends the first message, relays the upstream's messages and closes.
 *
 * <p>{@link ProviderExchange#translateRequest} gives a {@code ws://} or {@code wss://} URL (signed if need be),
 * the headers of the opening handshake, and as body the first text message the core sends once the socket is
 * open. A refused handshake (an HTTP status instead of 101) is an upstream error like any other: classified with
 * the adapter, retried on another channel. After that every text message the upstream sends goes:
 * <ul>
 *   <li>for a client that asked for a stream, to {@link ProviderExchange#onEvent} as one event with no name;</li>
 *   <li>for any other client, into one body, the messages separated by line feeds, which
 *       {@link ProviderExchange#translateBody} gets with status 200 once the answer ended.</li>
 * </ul>
 * The answer ends with the message for which {@link #endsAnswer} is true; the core then closes the socket. A
 * socket that closes before that message is an upstream failure.
 */
@Experimental
public interface WebSocketUpstream {
    /** Whether {@code message} is the upstream's last one for this answer. Pure: it is also translated. */
    boolean endsAnswer(byte[] message);
}
