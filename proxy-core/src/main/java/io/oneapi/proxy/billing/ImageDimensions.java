package io.oneapi.proxy.billing;

import java.util.Base64;

/**
 * Width and height of an inline ({@code data:} URL) PNG, GIF, JPEG or WebP image, read from its header. Images
 * given by http(s) URL are never downloaded: the gateway does not fetch user-supplied URLs for billing.
 */
record ImageDimensions(int width, int height) {
    /** Enough base64 to reach a JPEG frame header behind a typical EXIF block (multiple of 4). */
    private static final int MAX_BASE64_CHARS = 96 * 1024;

    /** The dimensions, or null when the URL is not a readable inline image. */
    static ImageDimensions ofDataUrl(String url) {
        if (url == null || !url.startsWith("data:")) {
            return null;
        }
        int comma = url.indexOf(',');
        if (comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
            return null;
        }
        int end = Math.min(url.length(), comma + 1 + MAX_BASE64_CHARS);
        String base64 = url.substring(comma + 1, end);
        base64 = base64.substring(0, base64.length() - base64.length() % 4);
        try {
            return of(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static ImageDimensions of(byte[] b) {
        if (b.length >= 24 && u8(b, 0) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return valid(be32(b, 16), be32(b, 20));
        }
        if (b.length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return valid(le16(b, 6), le16(b, 8));
        }
        if (b.length >= 30 && b[0] == 'R' && b[1] == 'I' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B') {
            return webp(b);
        }
        if (b.length >= 4 && u8(b, 0) == 0xFF && u8(b, 1) == 0xD8) {
            return jpeg(b);
        }
        return null;
    }

    private static ImageDimensions webp(byte[] b) {
        String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8 " -> valid(le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF);
            case "VP8L" -> valid(1 + (u8(b, 21) | (u8(b, 22) & 0x3F) << 8),
                    1 + (u8(b, 22) >> 6 | u8(b, 23) << 2 | (u8(b, 24) & 0x0F) << 10));
            case "VP8X" -> valid(1 + le24(b, 24), 1 + le24(b, 27));
            default -> null;
        };
    }

    /** Walks the JPEG segments to the first start-of-frame marker. */
    private static ImageDimensions jpeg(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if (u8(b, i) != 0xFF) {
                return null;
            }
            int marker = u8(b, i + 1);
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
                    && marker != 0xCC;
            if (startOfFrame) {
                return valid(be16(b, i + 7), be16(b, i + 5));
            }
            i += 2 + be16(b, i + 2);
        }
        return null;
    }

    private static ImageDimensions valid(int width, int height) {
        return width > 0 && height > 0 ? new ImageDimensions(width, height) : null;
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int be16(byte[] b, int i) {
        return u8(b, i) << 8 | u8(b, i + 1);
    }

    private static int be32(byte[] b, int i) {
        return be16(b, i) << 16 | be16(b, i + 2);
    }

    private static int le16(byte[] b, int i) {
        return u8(b, i) | u8(b, i + 1) << 8;
    }

    private static int le24(byte[] b, int i) {
        return le16(b, i) | u8(b, i + 2) << 16;
    }
}
