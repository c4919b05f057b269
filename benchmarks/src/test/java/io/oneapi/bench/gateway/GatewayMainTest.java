package io.oneapi.bench.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayMainTest {
    @Test
    void optionsArePairsSeparatedByCommas() {
        assertEquals(Map.of("LogConsumeEnabled", "false", "RetryTimes", "2"),
                GatewayMain.options("LogConsumeEnabled=false, RetryTimes=2"));
        assertEquals(Map.of("ModelRatio", "a=b"), GatewayMain.options("ModelRatio=a=b"));
        assertEquals(Map.of(), GatewayMain.options(""));
    }

    @Test
    void anOptionWithoutANameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GatewayMain.options("LogConsumeEnabled"));
        assertThrows(IllegalArgumentException.class, () -> GatewayMain.options("=false"));
    }
}
