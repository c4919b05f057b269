package io.oneapi.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.storage.ProviderChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
    static ProviderChannel channel(int id, int status, String models, String group, long priority, int weight) {
        return new ProviderChannel(id, 1, "key" + id, status, "c" + id, weight, 0, 0, 0, "", "", 0, 0, models, group,
                0, "{\"gpt-4\":\"gpt-4-0613\"}", priority, "{\"region\":\"us\"}", "");
    }

    @Test
    void routesByGroupAndModelTrimmingSpacesAndSkippingDisabled() {
        RoutingTable table = RoutingTable.build(List.of(
                channel(1, 1, "gpt-4, gpt-4o", "default, vip", 0, 0),
                channel(2, 2, "gpt-4", "default", 0, 0)));
        assertEquals(List.of(1), table.candidates("vip", "gpt-4o").stream().map(RoutedChannel::id).toList());
        assertEquals(List.of(1), table.candidates("default", "gpt-4").stream().map(RoutedChannel::id).toList());
        assertEquals(2, table.byId(2).id(), "disabled channels stay addressable by id");
        assertEquals(List.of("gpt-4", "gpt-4o"), table.modelsFor("default"));
        assertEquals("gpt-4-0613", table.byId(1).upstreamModel("gpt-4"));
        assertEquals("us", table.byId(1).config().get("region"));
    }

    @Test
    void picksHighestPriorityTierThenFallsBackWhenExcluded() {
        RoutingTable table = RoutingTable.build(List.of(
                channel(1, 1, "m", "default", 10, 0),
                channel(2, 1, "m", "default", 10, 0),
                channel(3, 1, "m", "default", 0, 0)));
        for (int i = 0; i < 200; i++) {
            int id = table.pick("default", "m", Set.of()).id();
            assertTrue(id == 1 || id == 2, "top tier only");
        }
        assertEquals(2, table.pick("default", "m", Set.of(1)).id());
        assertEquals(3, table.pick("default", "m", Set.of(1, 2)).id());
        assertNull(table.pick("default", "m", Set.of(1, 2, 3)));
        assertNull(table.pick("vip", "m", Set.of()));
    }

    @Test
    void honoursWeightsWithinATier() {
        RoutingTable table = RoutingTable.build(List.of(
                channel(1, 1, "m", "default", 0, 90),
                channel(2, 1, "m", "default", 0, 10)));
        Map<Integer, Integer> counts = new HashMap<>();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            counts.merge(table.pick("default", "m", Set.of()).id(), 1, Integer::sum);
        }
        double share = counts.get(1) / (double) n;
        assertTrue(share > 0.86 && share < 0.94, "weight 90 of 100 got " + share);
    }
}
