package io.oneapi.proxy.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.oneapi.proxy.client.Responses;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.Usage;
import java.nio.charset.StandardCharsets;

/**
 * Answers the client with a successful unary upstream response: the upstream's bytes as they are in
 * pass-through mode (usage read on the way), or the exchange's translation. An error hidden in a 2xx body
 * is treated as an upstream failure.
 */
final class UnaryResponder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RelayFlow flow;

    UnaryResponder(RelayFlow flow) {
        this.flow = flow;
    }

    /** Takes ownership of {@code body}. */
    void respond(int status, ByteBuf body) {
        if (flow.exchange().streamMode() == StreamMode.PASSTHROUGH) {
            passThrough(status, body);
        } else {
            translate(status, body);
        }
    }

    private void passThrough(int status, ByteBuf body) {
        String contentType = flow.head().headers().get(HttpHeaderNames.CONTENT_TYPE, "application/json");
        OpenAiUsageReader reader = OpenAiUsageReader.withoutText();
        boolean json = contentType.startsWith("application/json");
        if (json) {
            reader.read(body);
            if (reader.errorSeen()) {
                byte[] bytes = ByteBufUtil.getBytes(body);
                body.release();
                flow.upstreamFailed(status, bytes);
                return;
            }
        }
        if (contentType.startsWith("text/event-stream")) {
            // The upstream streamed although the client did not ask to: bill what the events say.
            OpenAiUsageReader events = fromEvents(body);
            write(status, contentType, body);
            flow.unaryDone(events.usage(), events.hasTokenCounts() ? "" : events.generatedText());
            return;
        }
        String text = isTranscription() ? transcript(body, json) : generatedTextIfNeeded(reader, body, json);
        write(status, contentType, body);
        flow.unaryDone(reader.usage(), text);
    }

    private OpenAiUsageReader fromEvents(ByteBuf body) {
        OpenAiUsageReader reader = new OpenAiUsageReader();
        SseSplitter splitter = new SseSplitter(flow.ctx().alloc(), false);
        try {
            splitter.feed(body, (event, data) -> reader.read(data));
            splitter.finish((event, data) -> reader.read(data));
        } finally {
            splitter.close();
        }
        return reader;
    }

    /** The generated text, read only when billing must count it: the upstream reported no token counts. */
    private static String generatedTextIfNeeded(OpenAiUsageReader reader, ByteBuf body, boolean json) {
        if (reader.hasTokenCounts() || !json) {
            return "";
        }
        OpenAiUsageReader withText = new OpenAiUsageReader();
        withText.read(body);
        return withText.generatedText();
    }

    private void translate(int status, ByteBuf body) {
        byte[] bytes = ByteBufUtil.getBytes(body);
        body.release();
        TranslatedBody translated = flow.exchange().translateBody(status, name -> flow.head().headers().get(name),
                bytes);
        if (translated.status() < 200 || translated.status() >= 300) {
            flow.upstreamFailed(translated.status(), translated.body());
            return;
        }
        OpenAiUsageReader reader = new OpenAiUsageReader();
        ByteBuf out = Unpooled.wrappedBuffer(translated.body());
        reader.read(out);
        Usage usage = translated.usage().isEmpty() ? reader.usage() : translated.usage();
        if (flow.clientWantsStream() && !flow.exchange().upstreamStreams()) {
            out.release();
            UnaryAsStream.send(flow.ctx(), flow.requestId(), translated.body());
        } else {
            write(translated.status(), "application/json", out);
        }
        flow.unaryDone(usage, reader.generatedText());
    }

    private void write(int status, String contentType, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        Responses.full(flow.ctx(), flow.keepAlive(), response, flow.requestId());
    }

    private boolean isTranscription() {
        return flow.mode() == RelayMode.AUDIO_TRANSCRIPTION || flow.mode() == RelayMode.AUDIO_TRANSLATION;
    }

    /**
     * The transcript text for billing: the {@code text} field of JSON formats, the cue text of subtitle formats
     * (srt, vtt: numbers, timings and the header are not words the model spoke), the body of plain text.
     */
    static String transcript(ByteBuf body, boolean json) {
        String raw = body.toString(StandardCharsets.UTF_8);
        if (!json) {
            return subtitleText(raw);
        }
        try {
            JsonNode node = JSON.readTree(raw);
            return node.path("text").asText("");
        } catch (java.io.IOException e) {
            return raw;
        }
    }

    /** Plain text stays as it is; in srt and vtt, the lines that are cue numbers, timings or the header go. */
    private static String subtitleText(String raw) {
        if (!raw.contains("-->")) {
            return raw;
        }
        StringBuilder text = new StringBuilder(raw.length());
        for (String line : raw.split("\r?\n")) {
            String t = line.trim();
            if (t.isEmpty() || t.contains("-->") || t.equals("WEBVTT") || t.startsWith("WEBVTT ")
                    || t.chars().allMatch(Character::isDigit)) {
                continue;
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(t);
        }
        return text.toString();
    }
}
