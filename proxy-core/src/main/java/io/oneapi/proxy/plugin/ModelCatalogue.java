package io.oneapi.proxy.plugin;

import io.oneapi.spi.ChannelTypeInfo;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The static model catalogue behind {@code GET /v1/models} and {@code /v1/models/:model} (inventory 1.6):
 * every default model of every served channel type, with the type's {@code owned_by} name.
 *
 * <p>A model several types list (OpenAI's models are listed by Azure and every reseller) belongs to
 * the lowest type id that lists it, so {@code gpt-4o} is owned by {@code openai}. One API lets the
 * adaptor registered last win instead, which depends on its internal adaptor order.
 */
public final class ModelCatalogue {
    /** One catalogue entry. */
    public record Model(String id, String ownedBy) {
        public Model {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(ownedBy, "ownedBy");
        }
    }

    private final Map<String, Model> byId;

    private ModelCatalogue(Map<String, Model> byId) {
        this.byId = byId;
    }

    /** Builds the catalogue from channel types, in any order. */
    public static ModelCatalogue of(Collection<ChannelTypeInfo> types) {
        Map<String, Model> byId = new LinkedHashMap<>();
        types.stream().sorted(Comparator.comparingInt(ChannelTypeInfo::type)).forEach(type -> {
            for (String model : type.defaultModels()) {
                byId.putIfAbsent(model, new Model(model, type.ownedBy()));
            }
        });
        return new ModelCatalogue(Collections.unmodifiableMap(byId));
    }

    /** Every model once, grouped by the channel type that owns it, in that type's list order. */
    public List<Model> models() {
        return List.copyOf(byId.values());
    }

    public Optional<Model> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }
}
