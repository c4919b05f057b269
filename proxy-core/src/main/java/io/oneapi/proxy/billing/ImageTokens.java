package io.oneapi.proxy.billing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Prompt tokens of one {@code image_url} content part, by OpenAI's vision rule as One API applies it: low detail
 * costs a flat 85 tokens; high or auto detail is tiled (scale to fit 2048, shortest side to 768, 170 per 512px tile
 * plus 85). gpt-4o-mini uses 2833 and 5667 instead of 85 and 170.
 *
 * <p>Unlike One API, the gateway never downloads the image to learn its size (no outbound fetch of user-supplied
 * URLs from the billing path). Inline {@code data:} images are measured from their header; for any other image a
 * conservative fixed estimate of four tiles (a 1024x1024 image: 4 x 170 + 85 = 765 tokens) is used.
 */
final class ImageTokens {
    static final int ASSUMED_TILES = 4;

    private ImageTokens() {
    }

    static int count(JsonNode imageUrl, String model) {
        String url;
        String detail = "";
        if (imageUrl.isTextual()) {
            url = imageUrl.asText();
        } else {
            url = imageUrl.path("url").asText("");
            detail = imageUrl.path("detail").asText("");
        }
        boolean mini = model.startsWith("gpt-4o-mini");
        int base = mini ? 2833 : 85;
        int perTile = mini ? 5667 : 170;
        if (detail.equals("low")) {
            return base;
        }
        ImageDimensions size = ImageDimensions.ofDataUrl(url);
        int tiles = size == null ? ASSUMED_TILES : tiles(size.width(), size.height());
        return tiles * perTile + base;
    }

    static int tiles(int width, int height) {
        double w = width;
        double h = height;
        if (w > 2048 || h > 2048) {
            double ratio = 2048 / Math.max(w, h);
            w = (int) (w * ratio);
            h = (int) (h * ratio);
        }
        if (w > 768 && h > 768) {
            double ratio = 768 / Math.min(w, h);
            w = (int) (w * ratio);
            h = (int) (h * ratio);
        }
        return (int) (Math.ceil(w / 512) * Math.ceil(h / 512));
    }
}
