package io.oneapi.proxy.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.spi.ChannelTypeInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCatalogueTest {

    private static ChannelTypeInfo type(int id, String owner, String... models) {
        return new ChannelTypeInfo(id, "label " + id, "", List.of(models), List.of(), owner);
    }

    @Test
    void theLowestTypeListingAModelOwnsIt() {
        ModelCatalogue catalogue = ModelCatalogue.of(List.of(
                type(3, "azure", "gpt-4o", "gpt-4"),
                type(25, "moonshot", "moonshot-v1-8k"),
                type(1, "openai", "gpt-4", "gpt-4o", "whisper-1")));
        assertEquals(List.of(new ModelCatalogue.Model("gpt-4", "openai"), new ModelCatalogue.Model("gpt-4o", "openai"),
                new ModelCatalogue.Model("whisper-1", "openai"), new ModelCatalogue.Model("moonshot-v1-8k", "moonshot")),
                catalogue.models());
        assertEquals("moonshot", catalogue.find("moonshot-v1-8k").orElseThrow().ownedBy());
        assertTrue(catalogue.contains("whisper-1"));
        assertFalse(catalogue.contains("claude-3"));
        assertTrue(catalogue.find("claude-3").isEmpty());
    }

    @Test
    void theCatalogueIsReadOnly() {
        ModelCatalogue catalogue = ModelCatalogue.of(List.of(type(1, "openai", "gpt-4")));
        assertThrows(UnsupportedOperationException.class,
                () -> catalogue.models().add(new ModelCatalogue.Model("x", "y")));
        assertTrue(ModelCatalogue.of(List.of()).models().isEmpty());
    }
}
