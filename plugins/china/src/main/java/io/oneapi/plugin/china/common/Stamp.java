package io.oneapi.plugin.china.common;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The id and creation time shared by every chunk of one translated answer.
 *
 * @param id random hex, without the {@code chatcmpl-} prefix
 * @param created seconds since the epoch
 */
public record Stamp(String id, long created) {

    public static Stamp now() {
        long bits = ThreadLocalRandom.current().nextLong();
        return new Stamp(String.format("%016x%08x", bits, ThreadLocalRandom.current().nextInt()),
                System.currentTimeMillis() / 1000);
    }

    public String chatId() {
        return "chatcmpl-" + id;
    }
}
