package io.oneapi.proxy.client;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in One API's shape: {@code yyyyMMddHHmmss}, the sub-second nanoseconds and eight random
 * digits, so operators can correlate logs across both gateways.
 */
public final class RequestIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private RequestIds() {
    }

    public static String next() {
        LocalDateTime now = LocalDateTime.now(ZoneId.systemDefault());
        int random = ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
        return STAMP.format(now) + now.getNano() + random;
    }
}
