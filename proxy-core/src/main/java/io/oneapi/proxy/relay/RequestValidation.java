package io.oneapi.proxy.relay;

import io.oneapi.proxy.client.OpenAiError;
import io.oneapi.spi.RelayMode;

/**
 * One API's request checks (inventory sections 1.2 and 2.2) applied to the sniffed facts: default models
 * per mode, then the fields each mode needs. Failures are 400 {@code invalid_text_request}, or
 * {@code invalid_request_body} when the body is not JSON at all.
 */
public final class RequestValidation {
    private static final int MAX_TOKENS_LIMIT = (Integer.MAX_VALUE) / 2;

    private RequestValidation() {
    }

    /** The facts with One API's default model for the mode filled in when the body named none. */
    public static RequestFacts withDefaults(RelayMode mode, RequestFacts facts, String pathModel) {
        if (!facts.model().isEmpty()) {
            return facts;
        }
        return switch (mode) {
            case MODERATIONS -> facts.withModel("text-moderation-stable");
            case EMBEDDINGS -> pathModel.isEmpty() ? facts : facts.withModel(pathModel);
            case IMAGES_GENERATIONS -> facts.withModel("dall-e-2");
            case AUDIO_TRANSCRIPTION, AUDIO_TRANSLATION -> facts.withModel("whisper-1");
            default -> facts;
        };
    }

    /** Null when the request may go on. */
    public static OpenAiError check(RelayMode mode, RequestFacts facts, boolean multipart) {
        if (!multipart && !facts.validJson()) {
            return OpenAiError.invalidRequest(400, "invalid_request_body",
                    "The request body is not valid JSON.");
        }
        if (!facts.streamIsBoolean()) {
            return textError("stream must be true or false");
        }
        if (facts.maxTokens() < 0 || facts.maxTokens() > MAX_TOKENS_LIMIT) {
            return textError("max_tokens is invalid");
        }
        if (facts.model().isEmpty()) {
            return textError("model is required");
        }
        return switch (mode) {
            case CHAT_COMPLETIONS -> facts.hasMessages() ? null : textError("field messages is required");
            case COMPLETIONS -> facts.hasPrompt() ? null : textError("field prompt is required");
            case MODERATIONS, EMBEDDINGS -> facts.hasInput() ? null : textError("field input is required");
            case AUDIO_SPEECH -> facts.hasInput() ? null : textError("field input is required");
            case IMAGES_GENERATIONS -> facts.hasPrompt() ? null
                    : new OpenAiError(400, "prompt is required", "one_api_error", "", "prompt_missing");
            default -> null;
        };
    }

    private static OpenAiError textError(String message) {
        return new OpenAiError(400, message, "invalid_request_error", "", "invalid_text_request");
    }
}
