package io.oneapi.proxy.relay;

/**
 * What the core reads from a request body before choosing a channel, without building a JSON tree.
 *
 * @param model the requested model, empty when absent
 * @param maxTokens {@code max_tokens} or {@code max_completion_tokens}; 0 when absent, -1 when not a
 *                  usable integer
 * @param validJson false when a JSON body did not parse
 * @param hasMessages a non-empty {@code messages} array is present
 * @param hasPrompt a non-null {@code prompt} is present
 * @param hasInput a non-null {@code input} is present
 */
public record RequestFacts(String model, boolean stream, int maxTokens, boolean validJson, boolean hasMessages,
                           boolean hasPrompt, boolean hasInput, boolean streamIsBoolean) {

    public RequestFacts(String model, boolean stream, int maxTokens, boolean validJson, boolean hasMessages,
                        boolean hasPrompt, boolean hasInput) {
        this(model, stream, maxTokens, validJson, hasMessages, hasPrompt, hasInput, true);
    }

    public RequestFacts withModel(String newModel) {
        return new RequestFacts(newModel, stream, maxTokens, validJson, hasMessages, hasPrompt, hasInput,
                streamIsBoolean);
    }

    /** The raw proxy route sends no model. */
    public static RequestFacts proxy() {
        return new RequestFacts("", false, 0, true, false, false, false);
    }

    static RequestFacts invalid() {
        return new RequestFacts("", false, 0, false, false, false, false);
    }

    static RequestFacts form(String model) {
        return new RequestFacts(model, false, 0, true, false, false, false);
    }
}
