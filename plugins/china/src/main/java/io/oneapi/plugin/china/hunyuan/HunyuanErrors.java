package io.oneapi.plugin.china.hunyuan;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.china.common.ErrorFormat;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.ProviderFailure;
import io.oneapi.spi.ErrorClassifier;
import io.oneapi.spi.ErrorKind;

/**
 * Tencent Cloud API errors, {@code {"Response": {"Error": {"Code": "AuthFailure.SignatureFailure",
 * "Message": "..."}, "RequestId": "..."}}}, returned with status 200. Codes from Tencent's common error table
 * and Hunyuan's: {@code AuthFailure.*} (but a signature expired by clock skew is not a dead key),
 * {@code UnauthorizedOperation*} and an inactive service are authentication failures; arrears and used-up
 * resource packs exhausted quota; {@code RequestLimitExceeded*} and {@code LimitExceeded*} rate limits;
 * {@code InvalidParameter*} and {@code MissingParameter} bad requests; internal and engine errors trouble.
 */
final class HunyuanErrors {
    static final ErrorFormat FORMAT = HunyuanErrors::read;

    private HunyuanErrors() {
    }

    /** The failure a body reports ({@code Response.Error}, or a stream chunk's {@code ErrorMsg}), or null. */
    static ProviderFailure read(JsonNode body) {
        JsonNode error = body.path("Response").path("Error");
        if (!error.isObject()) {
            error = body.path("Error");
        }
        if (error.isObject() && !error.path("Code").asText("").isEmpty()) {
            String code = error.path("Code").asText();
            return new ProviderFailure(kind(code, error.path("Message").asText("")), code,
                    error.path("Message").asText(code));
        }
        JsonNode streamError = body.path("ErrorMsg");
        if (streamError.isObject() && !streamError.path("Msg").asText("").isEmpty()) {
            String code = streamError.path("Code").asText("");
            return new ProviderFailure(ErrorKind.UNAVAILABLE, code, streamError.path("Msg").asText());
        }
        return null;
    }

    static ErrorKind classify(int status, byte[] body) {
        ProviderFailure failure = read(Json.read(body));
        return failure != null ? failure.kind() : ErrorClassifier.classifyOpenAiStyle(status, body);
    }

    static ErrorKind kind(String code, String message) {
        if (code.equals("AuthFailure.SignatureExpire")) {
            return ErrorKind.UNAVAILABLE; // the gateway's clock, not the key
        }
        if (code.startsWith("AuthFailure") || code.startsWith("UnauthorizedOperation")
                || code.equals("FailedOperation.ServiceNotActivated")) {
            return ErrorKind.AUTH_FAILED;
        }
        if (code.contains("Arrears") || code.contains("Exhaust") || code.equals("FailedOperation.ServiceStop")) {
            return ErrorKind.QUOTA_EXHAUSTED;
        }
        if (code.startsWith("RequestLimitExceeded") || code.startsWith("LimitExceeded")) {
            return ErrorKind.RATE_LIMITED;
        }
        if (code.startsWith("InvalidParameter") || code.startsWith("MissingParameter")
                || code.startsWith("InvalidAction") || code.startsWith("UnsupportedOperation")) {
            return ErrorClassifier.classify(400, "", code, message) == ErrorKind.CONTEXT_TOO_LONG
                    ? ErrorKind.CONTEXT_TOO_LONG : ErrorKind.BAD_REQUEST;
        }
        return ErrorClassifier.classify(500, "", code, message);
    }
}
