package io.oneapi.plugin.china.xunfei;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.ProviderFailure;
import io.oneapi.spi.ErrorClassifier;
import io.oneapi.spi.ErrorKind;
import java.util.Set;

/**
 * Spark's errors: a refused handshake answers with an HTTP status and {@code {"message": "..."}} (401/403 for
 * a signature the gateway cannot verify); a failure after it is a message whose {@code header.code} is not 0.
 * Codes from iFlytek's Spark Web API table: 10003-10005 and 10163 bad input, 10013/10014/10019 content refused,
 * 10907 too many tokens, 10006-10008 and 11202/11203 concurrency and rate limits, 11200 (no licence or volume
 * used up) and 11201 (daily limit) quota, 10015/10016 a banned or unauthorised app, the rest engine trouble.
 */
final class SparkErrors {
    private static final Set<Integer> BAD_REQUEST = Set.of(10003, 10004, 10005, 10013, 10014, 10019, 10163);
    private static final Set<Integer> RATE = Set.of(10006, 10007, 10008, 11202, 11203);
    private static final Set<Integer> QUOTA = Set.of(11200, 11201);
    private static final Set<Integer> AUTH = Set.of(10015, 10016);

    private SparkErrors() {
    }

    /** The failure a message reports ({@code header.code} not 0), or null. */
    static ProviderFailure read(JsonNode message) {
        JsonNode header = message.path("header");
        int code = header.path("code").asInt(0);
        if (code == 0) {
            return null;
        }
        String text = header.path("message").asText("Spark reported error " + code);
        return new ProviderFailure(kind(code, text), String.valueOf(code), text);
    }

    static String message(byte[] body) {
        JsonNode node = Json.read(body);
        ProviderFailure failure = read(node);
        if (failure != null) {
            return failure.message();
        }
        String text = node.path("message").asText("");
        return text.isEmpty() ? null : text;
    }

    static ErrorKind classify(int status, byte[] body) {
        ProviderFailure failure = read(Json.read(body));
        if (failure != null) {
            return failure.kind();
        }
        if (status == 401 || status == 403) {
            return ErrorKind.AUTH_FAILED; // the gateway refused the signed URL
        }
        return ErrorClassifier.classify(status, "", "", message(body));
    }

    private static ErrorKind kind(int code, String message) {
        if (BAD_REQUEST.contains(code)) {
            return ErrorKind.BAD_REQUEST;
        }
        if (code == 10907) {
            return ErrorKind.CONTEXT_TOO_LONG;
        }
        if (RATE.contains(code)) {
            return ErrorKind.RATE_LIMITED;
        }
        if (QUOTA.contains(code)) {
            return ErrorKind.QUOTA_EXHAUSTED;
        }
        if (AUTH.contains(code)) {
            return ErrorKind.AUTH_FAILED;
        }
        return ErrorClassifier.classify(500, "", String.valueOf(code), message);
    }
}
