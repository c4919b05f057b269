package io.oneapi.proxy.plugin;

import io.oneapi.spi.ChannelTypeInfo;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel type to adapter. When two adapters claim one type the first in load order keeps it (plugins
 * load in plugin id order, so the outcome does not depend on the file system) and the clash is logged.
 */
final class AdapterTable {
    private static final Logger LOG = LoggerFactory.getLogger(AdapterTable.class);

    /** The winner for each type, with the type's facts as the winner describes them. */
    record Claim(LoadedAdapter owner, ChannelTypeInfo type) {
    }

    private final Map<Integer, Claim> claims;

    private AdapterTable(Map<Integer, Claim> claims) {
        this.claims = Collections.unmodifiableMap(claims);
    }

    static AdapterTable of(List<LoadedAdapter> inLoadOrder) {
        Map<Integer, Claim> claims = new TreeMap<>();
        for (LoadedAdapter candidate : inLoadOrder) {
            for (ChannelTypeInfo type : candidate.descriptor().channelTypes()) {
                Claim held = claims.putIfAbsent(type.type(), new Claim(candidate, type));
                if (held != null) {
                    LOG.warn("channel type {} is claimed by adapter '{}' of plugin '{}' and by adapter '{}' of plugin"
                                    + " '{}'; '{}' keeps it", type.type(), held.owner().descriptor().id(),
                            held.owner().pluginId(), candidate.descriptor().id(), candidate.pluginId(),
                            held.owner().descriptor().id());
                }
            }
        }
        return new AdapterTable(claims);
    }

    Claim claim(int channelType) {
        return claims.get(channelType);
    }

    /** The winning claims ordered by channel type. */
    List<Claim> claims() {
        return List.copyOf(claims.values());
    }
}
