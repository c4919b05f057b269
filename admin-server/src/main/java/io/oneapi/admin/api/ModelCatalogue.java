package io.oneapi.admin.api;

import java.util.List;
import java.util.Map;

/**
 * The models the loaded provider plugins declare. The admin server loads no plugins (DESIGN.md section 3); the
 * proxy publishes its plugins' descriptors through storage and this reads them.
 */
public interface ModelCatalogue {
    /** Channel type id to its default model names ({@code GET /api/models}). */
    Map<Integer, List<String>> modelsByChannelType();

    /** Every known model with its owner, for {@code GET /api/channel/models}. */
    List<Model> allModels();

    record Model(String id, String ownedBy) {
    }

    ModelCatalogue EMPTY = new ModelCatalogue() {
        @Override
        public Map<Integer, List<String>> modelsByChannelType() {
            return Map.of();
        }

        @Override
        public List<Model> allModels() {
            return List.of();
        }
    };
}
