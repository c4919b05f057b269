package io.oneapi.proxy.client;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void oneApiShapeWithTheCurrentSecond() {
        DateTimeFormatter second = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
        String before = second.format(LocalDateTime.now());
        String id = RequestIds.next();
        String after = second.format(LocalDateTime.now());
        assertTrue(id.matches("\\d{14}\\d{1,9}\\d{8}"), id);
        String stamp = id.substring(0, 14);
        assertTrue(stamp.compareTo(before) >= 0 && stamp.compareTo(after) <= 0, id + " between " + before
                + " and " + after);
        assertNotEquals(id, RequestIds.next());
    }
}
