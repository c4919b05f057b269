package io.oneapi.plugin.assorted.common;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The id and creation time one translated response carries. An exchange takes one stamp, so every chunk
 * of a stream has the same id (One API made a new id per chunk for some adaptors).
 *
 * @param id random hex, without the {@code chatcmpl-} or {@code cmpl-} prefix
 * @param created seconds since the epoch
 */
public record ResponseStamp(String id, long created) {

    public static ResponseStamp now() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // The sign bit keeps both halves 16 digits long.
        String id = Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
        return new ResponseStamp(id, System.currentTimeMillis() / 1000);
    }

    public String chatId() {
        return "chatcmpl-" + id;
    }

    public String completionId() {
        return "cmpl-" + id;
    }
}
