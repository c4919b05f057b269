package io.oneapi.admin.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Message Pusher (github.com/songquanpeng/message-pusher) as One API calls it: POST JSON
 * {@code {title, description, content, token}} to {@code MessagePusherAddress}; the reply {@code {success, message}}
 * says whether it was delivered.
 */
final class MessagePusher {
    private final HttpClient http;
    private final ObjectMapper mapper = JsonMapper.builder().build();

    MessagePusher(HttpClient http) {
        this.http = http;
    }

    /** @return null when delivered, else why not */
    String push(String address, String token, String title, String content) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("description", content);
        body.put("content", content);
        body.put("token", token);
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(address))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            var reply = mapper.readTree(response.body());
            if (response.statusCode() == 200 && reply.path("success").asBoolean(false)) {
                return null;
            }
            return "message pusher refused: HTTP " + response.statusCode() + " " + reply.path("message").asText("");
        } catch (IOException | IllegalArgumentException e) {
            return "message pusher unreachable: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
