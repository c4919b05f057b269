package io.oneapi.admin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;

/**
 * The admin API's JSON mapping: snake_case property names like One API's Go structs, unknown fields
 * ignored (the UI sends whole objects back), explicit {@code @JsonProperty} names kept as written.
 */
public final class Json {
    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public String writeString(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public <T> T read(byte[] body, Class<T> type) throws IOException {
        return mapper.readValue(body, type);
    }

    public <T> T read(InputStream body, Class<T> type) throws IOException {
        return mapper.readValue(body, type);
    }

    public JsonNode tree(byte[] body) throws IOException {
        return mapper.readTree(body);
    }

    public JsonNode tree(String body) throws IOException {
        return mapper.readTree(body);
    }

    public <T> T convert(JsonNode node, Class<T> type) {
        return mapper.convertValue(node, type);
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
