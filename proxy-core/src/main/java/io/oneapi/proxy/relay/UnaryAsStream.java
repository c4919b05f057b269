package io.oneapi.proxy.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.oneapi.proxy.client.Responses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends a translated unary answer to a client that asked for a stream, for upstreams that never stream
 * ({@code ProviderExchange.upstreamStreams()} false, e.g. DeepL): one chunk, then {@code [DONE]}, the
 * way One API answered such requests. A {@code chat.completion} becomes a {@code chat.completion.chunk}
 * whose choices carry their {@code message} as {@code delta}; usage is left out, as in every stream of a
 * non-OpenAI adaptor (inventory 1.3). Other bodies go out as they are.
 */
final class UnaryAsStream {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private UnaryAsStream() {
    }

    static void send(ChannelHandlerContext ctx, String requestId, byte[] translated) {
        ctx.write(Responses.streamHead(requestId));
        ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(DATA, chunkOf(translated), END, DONE)));
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    static byte[] chunkOf(byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return body;
        }
        if (!(node instanceof ObjectNode completion)
                || !"chat.completion".equals(completion.path("object").asText())) {
            return body;
        }
        completion.remove("usage");
        completion.put("object", "chat.completion.chunk");
        if (completion.get("choices") instanceof ArrayNode choices) {
            for (int i = 0; i < choices.size(); i++) {
                choices.set(i, withDelta(choices.get(i)));
            }
        }
        try {
            return JSON.writeValueAsBytes(completion);
        } catch (IOException e) {
            return body;
        }
    }

    /** The choice with {@code message} renamed {@code delta}, in place so the field order stays. */
    private static JsonNode withDelta(JsonNode choice) {
        if (!(choice instanceof ObjectNode object) || !object.has("message")) {
            return choice;
        }
        ObjectNode renamed = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            renamed.set(field.getKey().equals("message") ? "delta" : field.getKey(), field.getValue());
        }
        return renamed;
    }
}
