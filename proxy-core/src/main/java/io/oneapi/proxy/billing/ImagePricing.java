package io.oneapi.proxy.billing;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One API's image tables (relay/billing/ratio/image.go): size ratios, allowed n and prompt length limits. */
final class ImagePricing {
    private static final Map<String, Double> ALI_SD_SIZES = Map.of("512x1024", 1.0, "1024x768", 1.0,
            "1024x1024", 1.0, "576x1024", 1.0, "1024x576", 1.0);

    static final Map<String, Map<String, Double>> SIZE_RATIOS = Map.of(
            "dall-e-2", Map.of("256x256", 1.0, "512x512", 1.125, "1024x1024", 1.25),
            "dall-e-3", Map.of("1024x1024", 1.0, "1024x1792", 2.0, "1792x1024", 2.0),
            "ali-stable-diffusion-xl", ALI_SD_SIZES,
            "ali-stable-diffusion-v1.5", ALI_SD_SIZES,
            "wanx-v1", Map.of("1024x1024", 1.0, "720x1280", 1.0, "1280x720", 1.0),
            "step-1x-medium", Map.of("256x256", 1.0, "512x512", 1.0, "768x768", 1.0, "1024x1024", 1.0,
                    "1280x800", 1.0, "800x1280", 1.0));

    /** Inclusive {min, max} of {@code n}. */
    static final Map<String, int[]> N_RANGES = Map.of(
            "dall-e-2", new int[] {1, 10},
            "dall-e-3", new int[] {1, 1},
            "ali-stable-diffusion-xl", new int[] {1, 4},
            "ali-stable-diffusion-v1.5", new int[] {1, 4},
            "wanx-v1", new int[] {1, 4},
            "cogview-3", new int[] {1, 1},
            "step-1x-medium", new int[] {1, 1});

    /** Bytes, as Go's {@code len(prompt)}. */
    static final Map<String, Integer> PROMPT_LIMITS = Map.of(
            "dall-e-2", 1000,
            "dall-e-3", 4000,
            "ali-stable-diffusion-xl", 4000,
            "ali-stable-diffusion-v1.5", 4000,
            "wanx-v1", 4000,
            "cogview-3", 833,
            "step-1x-medium", 4000);

    private ImagePricing() {
    }

    /** One API's checks, in its order; throws {@link PricingException}. */
    static void validate(String model, String prompt, String size, int n) {
        if (prompt == null || prompt.isEmpty()) {
            throw new PricingException("prompt_missing", "prompt is required");
        }
        Map<String, Double> sizes = SIZE_RATIOS.get(model);
        if (!model.equals("cogview-3") && sizes != null && !sizes.containsKey(size)) {
            throw new PricingException("size_not_supported", "size not supported for this image model");
        }
        Integer limit = PROMPT_LIMITS.get(model);
        if (limit != null && prompt.getBytes(StandardCharsets.UTF_8).length > limit) {
            throw new PricingException("prompt_too_long", "prompt is too long");
        }
        int[] range = N_RANGES.get(model);
        if (range != null && (n < range[0] || n > range[1])) {
            throw new PricingException("n_not_within_range", "invalid value of n");
        }
    }

    /** Size ratio (1 when the model or size has no entry), with dall-e-3 HD: x2 at 1024x1024, x1.5 otherwise. */
    static double costRatio(String model, String size, String quality) {
        double ratio = SIZE_RATIOS.getOrDefault(model, Map.of()).getOrDefault(size, 1.0);
        if ("hd".equals(quality) && model.equals("dall-e-3")) {
            ratio *= size.equals("1024x1024") ? 2 : 1.5;
        }
        return ratio;
    }
}
