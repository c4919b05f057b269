package io.oneapi.proxy.client;

import java.time.Instant;
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
    /** The formatted second, per thread: formatting a date for every request showed up in profiles. */
    private static final ThreadLocal<Stamp> LAST = ThreadLocal.withInitial(() -> new Stamp(Long.MIN_VALUE, ""));

    private record Stamp(long epochSecond, String text) {
    }

    private RequestIds() {
    }

    public static String next() {
        Instant now = Instant.now();
        Stamp stamp = LAST.get();
        if (stamp.epochSecond() != now.getEpochSecond()) {
            stamp = new Stamp(now.getEpochSecond(), STAMP.format(LocalDateTime.ofInstant(now, ZoneId.systemDefault())));
            LAST.set(stamp);
        }
        int random = ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
        return stamp.text() + now.getNano() + random;
    }
}
