package io.oneapi.proxy.billing;

import io.oneapi.storage.options.Options;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One API's prices (inventory section 5 and 1.4), computed from the live {@link Options}. Pure functions of the
 * options snapshot; tokenizing (transcriptions) is CPU work for the billing executor.
 */
public final class Pricing {
    /** Channel type Replicate: always returns one image, so {@code n} is not billed. */
    static final int REPLICATE = 46;
    /** OpenAI's limit on {@code input} of audio/speech, in characters. */
    static final int SPEECH_INPUT_LIMIT = 4096;

    private final Supplier<Options> options;
    private final TokenCounter tokens;

    public Pricing(Supplier<Options> options, TokenCounter tokens) {
        this.options = options;
        this.tokens = tokens;
    }

    /** The ratios of a text request (chat, completions, embeddings, moderations, edits) for {@code model}. */
    public TextPrice textPrice(String model, int channelType, String group) {
        Options o = options.get();
        return new TextPrice(o.modelRatio(model, channelType), o.groupRatio(group),
                o.completionRatio(model, channelType), o.preConsumedQuota());
    }

    /** Shorthand for {@code textPrice(...).quota(promptTokens, completionTokens)}. */
    public long textQuota(int promptTokens, int completionTokens, String model, int channelType, String group) {
        return textPrice(model, channelType, group).quota(promptTokens, completionTokens);
    }

    /** Shorthand for {@code textPrice(...).preConsumeQuota(promptTokens, maxTokens)}. */
    public long preConsumeQuota(int promptTokens, int maxTokens, String model, int channelType, String group) {
        return textPrice(model, channelType, group).preConsumeQuota(promptTokens, maxTokens);
    }

    /** Shorthand for {@code textPrice(...).logContent()}. */
    public String ratioLogContent(String model, int channelType, String group) {
        return textPrice(model, channelType, group).logContent();
    }

    /**
     * Validates and prices an image generation. Defaults as One API: {@code n} 0 means 1, an empty size means
     * 1024x1024, an empty model means dall-e-2 (pass the model after channel model mapping).
     *
     * @throws PricingException {@code prompt_missing}, {@code size_not_supported}, {@code prompt_too_long} or
     *         {@code n_not_within_range}
     */
    public ImageQuote imageQuote(String model, String prompt, String size, String quality, int n, int channelType,
                                 String group) {
        String m = model == null || model.isEmpty() ? "dall-e-2" : model;
        String s = size == null || size.isEmpty() ? "1024x1024" : size;
        int count = n == 0 ? 1 : n;
        ImagePricing.validate(m, prompt, s, count);
        Options o = options.get();
        double modelRatio = o.modelRatio(m, channelType);
        double groupRatio = o.groupRatio(group);
        double sizeRatio = ImagePricing.costRatio(m, s, quality);
        int billed = channelType == REPLICATE ? 1 : count;
        long perImage = (long) (modelRatio * groupRatio * sizeRatio * 1000);
        return new ImageQuote(perImage * billed, modelRatio, groupRatio, sizeRatio, billed);
    }

    /**
     * Text to speech: {@code int(UTF-8 bytes of input x modelRatio x groupRatio)}, charged up front and final.
     * Bytes, not characters, for compatibility with One API's prices (a CJK character costs three times a Latin
     * one; admins price TTS models with that in mind). The length limit, however, is OpenAI's 4096 characters
     * (One API wrongly applies it to bytes).
     *
     * @throws PricingException {@code text_too_long}
     */
    public long speechQuota(String input, String model, int channelType, String group) {
        String text = input == null ? "" : input;
        if (text.codePointCount(0, text.length()) > SPEECH_INPUT_LIMIT) {
            throw new PricingException("text_too_long", "input is too long (over 4096 characters)");
        }
        Options o = options.get();
        double ratio = o.modelRatio(model, channelType) * o.groupRatio(group);
        return (long) (text.getBytes(StandardCharsets.UTF_8).length * ratio);
    }

    /** Reservation for transcriptions/translations: {@code int(PreConsumedQuota x modelRatio x groupRatio)}. */
    public long transcriptionPreConsumeQuota(String model, int channelType, String group) {
        Options o = options.get();
        return (long) (o.preConsumedQuota() * (o.modelRatio(model, channelType) * o.groupRatio(group)));
    }

    /** Final charge of a transcription: the tokens of the transcript, no ratio applied (One API's rule). */
    public long transcriptionQuota(String transcript, String model) {
        return tokens.countText(transcript, model);
    }

    /** Log content for audio requests: {@code model ratio X, group ratio Y}. */
    public String audioLogContent(String model, int channelType, String group) {
        Options o = options.get();
        return String.format(Locale.ROOT, "model ratio %.2f, group ratio %.2f",
                o.modelRatio(model, channelType), o.groupRatio(group));
    }
}
