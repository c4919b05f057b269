package io.oneapi.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code abilities} rows a channel implies: one per (group, model) from its comma lists, enabled when the
 * channel is. Entries are trimmed, empty ones dropped and duplicates merged; One API split without trimming, so
 * "gpt-4, gpt-4o" produced a model " gpt-4o" that no request matched (inventory quirk 16).
 */
final class ChannelAbilities {
    private ChannelAbilities() {
    }

    static List<Ability> of(int channelId, ProviderChannel channel) {
        boolean enabled = channel.status() == ProviderChannel.STATUS_ENABLED;
        List<Ability> abilities = new ArrayList<>();
        for (String group : commaList(channel.group())) {
            for (String model : commaList(channel.models())) {
                abilities.add(new Ability(group, model, channelId, enabled, channel.priority()));
            }
        }
        return abilities;
    }

    static Set<String> commaList(String list) {
        Set<String> items = new LinkedHashSet<>();
        if (list != null) {
            Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(items::add);
        }
        return items;
    }
}
