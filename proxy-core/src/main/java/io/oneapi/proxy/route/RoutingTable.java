package io.oneapi.proxy.route;

import io.oneapi.storage.ProviderChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An immutable snapshot of which enabled provider channels serve which (group, model), highest priority
 * first. Built off the event loop from the channels table; read lock-free by every request.
 */
public final class RoutingTable {
    private final Map<String, Map<String, List<RoutedChannel>>> byGroupAndModel;
    private final Map<Integer, RoutedChannel> byId;

    private RoutingTable(Map<String, Map<String, List<RoutedChannel>>> byGroupAndModel,
                         Map<Integer, RoutedChannel> byId) {
        this.byGroupAndModel = byGroupAndModel;
        this.byId = byId;
    }

    public static RoutingTable empty() {
        return new RoutingTable(Map.of(), Map.of());
    }

    /** Builds the table from every channel row; disabled channels are kept by id (for pinning checks) only. */
    public static RoutingTable build(Collection<ProviderChannel> channels) {
        Map<String, Map<String, List<RoutedChannel>>> table = new HashMap<>();
        Map<Integer, RoutedChannel> byId = new HashMap<>();
        for (ProviderChannel row : channels) {
            RoutedChannel routed = RoutedChannel.of(row);
            byId.put(row.id(), routed);
            if (!row.enabled()) {
                continue;
            }
            for (String group : split(row.group())) {
                Map<String, List<RoutedChannel>> models = table.computeIfAbsent(group, g -> new HashMap<>());
                for (String model : split(row.models())) {
                    models.computeIfAbsent(model, m -> new ArrayList<>()).add(routed);
                }
            }
        }
        Comparator<RoutedChannel> byPriority = Comparator.comparingLong((RoutedChannel c) -> priority(c)).reversed()
                .thenComparingInt(RoutedChannel::id);
        Map<String, Map<String, List<RoutedChannel>>> frozen = new HashMap<>();
        table.forEach((group, models) -> {
            Map<String, List<RoutedChannel>> frozenModels = new HashMap<>();
            models.forEach((model, list) -> {
                list.sort(byPriority);
                frozenModels.put(model, List.copyOf(list));
            });
            frozen.put(group, Map.copyOf(frozenModels));
        });
        return new RoutingTable(Map.copyOf(frozen), Map.copyOf(byId));
    }

    /** Candidates for (group, model), highest priority first; empty when none. */
    public List<RoutedChannel> candidates(String group, String model) {
        return byGroupAndModel.getOrDefault(group, Map.of()).getOrDefault(model, List.of());
    }

    public RoutedChannel byId(int id) {
        return byId.get(id);
    }

    /** Sorted distinct models enabled for a group (for {@code /v1/models}). */
    public List<String> modelsFor(String group) {
        return new ArrayList<>(new TreeSet<>(byGroupAndModel.getOrDefault(group, Map.of()).keySet()));
    }

    /**
     * Picks a channel for (group, model), skipping {@code excluded} ids: the highest priority tier that still
     * has a candidate, then a weighted random pick inside that tier. A weight of 0 (One API's default) counts
     * as 1 so unweighted channels share evenly.
     *
     * @return null when nothing is left
     */
    public RoutedChannel pick(String group, String model, Set<Integer> excluded) {
        List<RoutedChannel> all = candidates(group, model);
        Long tier = null;
        List<RoutedChannel> tierMembers = new ArrayList<>(4);
        for (RoutedChannel channel : all) {
            if (excluded.contains(channel.id())) {
                continue;
            }
            long p = priority(channel);
            if (tier == null) {
                tier = p;
            } else if (p != tier) {
                break;
            }
            tierMembers.add(channel);
        }
        if (tierMembers.isEmpty()) {
            return null;
        }
        return weightedPick(tierMembers);
    }

    private static RoutedChannel weightedPick(List<RoutedChannel> members) {
        if (members.size() == 1) {
            return members.get(0);
        }
        long total = 0;
        for (RoutedChannel c : members) {
            total += weight(c);
        }
        long roll = ThreadLocalRandom.current().nextLong(total);
        for (RoutedChannel c : members) {
            roll -= weight(c);
            if (roll < 0) {
                return c;
            }
        }
        return members.get(members.size() - 1);
    }

    private static long weight(RoutedChannel c) {
        return Math.max(1, c.row().weight());
    }

    private static long priority(RoutedChannel c) {
        return c.row().priority();
    }

    private static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : list.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
        return out;
    }
}
