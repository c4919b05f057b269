package io.oneapi.plugin.china.zhipu;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.china.common.ErrorFormat;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.ProviderFailure;
import io.oneapi.spi.ErrorClassifier;
import io.oneapi.spi.ErrorKind;
import java.util.Set;

/**
 * Zhipu's error bodies: v4 {@code {"error": {"code": "1113", "message": "..."}}} with an HTTP error status,
 * v3 {@code {"code": 1002, "msg": "...", "success": false}} inside a 200 answer. The codes are Zhipu's
 * published table: 1000-1005 authentication, 1110-1121 the account (1113 in arrears), 1210-1222 bad calls
 * (1261 the prompt is too long), 1301 unsafe content, 1302-1313 rate and usage limits, 1230/1234/500 trouble.
 */
final class ZhipuErrors {
    static final ErrorFormat FORMAT = ZhipuErrors::read;
    private static final Set<Integer> AUTH = Set.of(1000, 1001, 1002, 1003, 1004, 1005, 1110, 1111, 1112, 1121,
            1220);
    private static final Set<Integer> QUOTA = Set.of(1113, 1309);
    private static final Set<Integer> RATE = Set.of(1302, 1303, 1304, 1305, 1308, 1310, 1312, 1313);
    private static final Set<Integer> UNAVAILABLE = Set.of(500, 1100, 1120, 1200, 1230, 1234);

    private ZhipuErrors() {
    }

    /** The failure a body reports, or null when it is no Zhipu error. */
    static ProviderFailure read(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isObject()) {
            String code = error.path("code").asText("");
            String message = error.path("message").asText(code);
            return new ProviderFailure(kind(code, message, 0), code, message);
        }
        if (body.has("success") && !body.path("success").asBoolean(true)) {
            String code = body.path("code").asText("");
            String message = body.path("msg").asText(code);
            return new ProviderFailure(kind(code, message, 0), code, message);
        }
        return null;
    }

    static ErrorKind classify(int status, byte[] body) {
        ProviderFailure failure = read(Json.read(body));
        if (failure == null) {
            return ErrorClassifier.classifyOpenAiStyle(status, body);
        }
        return kind(failure.code(), failure.message(), status);
    }

    private static ErrorKind kind(String code, String message, int status) {
        int number;
        try {
            number = Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            return ErrorClassifier.classify(status == 0 ? 500 : status, "", code, message);
        }
        if (AUTH.contains(number)) {
            return ErrorKind.AUTH_FAILED;
        }
        if (QUOTA.contains(number)) {
            return ErrorKind.QUOTA_EXHAUSTED;
        }
        if (RATE.contains(number)) {
            return ErrorKind.RATE_LIMITED;
        }
        if (number == 1261) {
            return ErrorKind.CONTEXT_TOO_LONG;
        }
        if (UNAVAILABLE.contains(number)) {
            return ErrorKind.UNAVAILABLE;
        }
        if (number >= 1200 && number < 1400) {
            return ErrorKind.BAD_REQUEST;
        }
        return ErrorClassifier.classify(status == 0 ? 500 : status, "", code, message);
    }
}
