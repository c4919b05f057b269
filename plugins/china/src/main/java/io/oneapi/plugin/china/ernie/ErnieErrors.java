package io.oneapi.plugin.china.ernie;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.china.common.ErrorFormat;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.ProviderFailure;
import io.oneapi.spi.ErrorClassifier;
import io.oneapi.spi.ErrorKind;
import java.util.Set;

/**
 * Baidu's error bodies, {@code {"error_code": 110, "error_msg": "Access token invalid or no longer valid"}},
 * usually inside a 200 answer. Codes from Baidu's wenxinworkshop error table: 100/110/111 are a bad or expired
 * access token (the core then forgets it), 6/13/14 permission and IAM failures, 18 and 336501/336502 rate
 * limits (QPS, RPM, TPM), 17/19 exhausted daily or total quota (or an unpaid paid API), 1/2/4 and 336100
 * service trouble, 336000-336007 bad input (336007: the prompt is too long).
 */
final class ErnieErrors {
    static final ErrorFormat FORMAT = ErnieErrors::read;
    private static final Set<Integer> AUTH = Set.of(6, 13, 14, 100, 110, 111);
    private static final Set<Integer> RATE = Set.of(18, 336501, 336502);
    private static final Set<Integer> QUOTA = Set.of(17, 19);
    private static final Set<Integer> UNAVAILABLE = Set.of(1, 2, 4, 15, 336100);

    private ErnieErrors() {
    }

    /** The failure a body reports, or null when it is no Baidu error. */
    static ProviderFailure read(JsonNode body) {
        JsonNode code = body.path("error_code");
        if (!code.canConvertToInt() || code.asInt() == 0) {
            return null;
        }
        String message = body.path("error_msg").asText("Baidu reported error " + code.asInt());
        return new ProviderFailure(kind(code.asInt(), message), code.asText(), message);
    }

    static ErrorKind classify(int status, byte[] body) {
        ProviderFailure failure = read(Json.read(body));
        return failure != null ? failure.kind() : ErrorClassifier.classifyOpenAiStyle(status, body);
    }

    private static ErrorKind kind(int code, String message) {
        if (AUTH.contains(code)) {
            return ErrorKind.AUTH_FAILED;
        }
        if (RATE.contains(code)) {
            return ErrorKind.RATE_LIMITED;
        }
        if (QUOTA.contains(code)) {
            return ErrorKind.QUOTA_EXHAUSTED;
        }
        if (UNAVAILABLE.contains(code)) {
            return ErrorKind.UNAVAILABLE;
        }
        if (code == 336007) {
            return ErrorKind.CONTEXT_TOO_LONG;
        }
        if (code == 3 || (code >= 336000 && code < 336100)) {
            return ErrorKind.BAD_REQUEST;
        }
        return ErrorClassifier.classify(500, "", String.valueOf(code), message);
    }
}
