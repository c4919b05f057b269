package io.oneapi.proxy.fetch;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decides the media type of fetched bytes: the format recognised from its magic bytes first (providers
 * check that the declared type matches the data), else the server's {@code image/*} Content-Type, else
 * the bytes are not an image.
 */
final class ImageMediaType {
    /** Bytes enough to recognise every format below. */
    static final int SNIFF_BYTES = 12;

    private ImageMediaType() {
    }

    /** The media type, or null when the bytes are not an image. */
    static String decide(String contentType, byte[] head) {
        String sniffed = sniff(head);
        if (sniffed != null) {
            return sniffed;
        }
        String declared = declared(contentType);
        return declared.startsWith("image/") ? declared : null;
    }

    /** The Content-Type without parameters, lower case; empty when absent. */
    static String declared(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    /** The format recognised from the first bytes, or null. */
    static String sniff(byte[] b) {
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return "image/png";
        }
        if (startsWith(b, 0, 0xff, 0xd8, 0xff)) {
            return "image/jpeg";
        }
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
            return "image/gif";
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return "image/webp";
        }
        if (ascii(b, 4, "ftyp")) {
            if (ascii(b, 8, "avif") || ascii(b, 8, "avis")) {
                return "image/avif";
            }
            if (ascii(b, 8, "heic") || ascii(b, 8, "heix")) {
                return "image/heic";
            }
            if (ascii(b, 8, "mif1") || ascii(b, 8, "msf1")) {
                return "image/heif";
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[at + i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int at, String text) {
        byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
        if (b.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (b[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
