package io.oneapi.spi;

/**
 * Token usage of one exchange as the upstream reported it.
 *
 * @param totalTokens the upstream's total, or {@code promptTokens + completionTokens} when it gave none
 */
public record Usage(int promptTokens, int completionTokens, int totalTokens) {
    public static final Usage NONE = new Usage(0, 0, 0);

    public static Usage of(int promptTokens, int completionTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens);
    }

    public boolean isEmpty() {
        return promptTokens == 0 && completionTokens == 0 && totalTokens == 0;
    }
}
