package io.oneapi.plugin.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.NeedsInlineImages;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptersTest {

    @Test
    void anthropicServesTypeFourteenWithOneApisModels() {
        AnthropicAdapter adapter = new AnthropicAdapter();
        ChannelTypeInfo type = adapter.descriptor().channelTypes().get(0);
        assertEquals(1, adapter.descriptor().channelTypes().size());
        assertEquals(14, type.type());
        assertEquals("https://api.anthropic.com", type.defaultBaseUrl());
        assertEquals("anthropic", type.ownedBy());
        assertEquals(11, type.defaultModels().size());
        assertTrue(type.defaultModels().containsAll(List.of("claude-3-haiku-20240307", "claude-3-5-sonnet-latest",
                "claude-3-5-haiku-latest", "claude-instant-1.2")));
        assertTrue(adapter instanceof NeedsInlineImages);
    }

    @Test
    void bedrockServesTypeThirtyThreeWithItsSettings() {
        BedrockClaudeAdapter adapter = new BedrockClaudeAdapter();
        ChannelTypeInfo type = adapter.descriptor().channelTypes().get(0);
        assertEquals(33, type.type());
        assertEquals("", type.defaultBaseUrl(), "the host comes from the region");
        assertEquals(List.of("region", "ak", "sk"), type.settings());
        assertEquals(BedrockModels.NAMES, type.defaultModels());
        assertTrue(adapter instanceof NeedsInlineImages);
    }

    @Test
    void bedrockModelIdsFollowOneApi() {
        assertEquals("anthropic.claude-instant-v1", BedrockModels.idFor("claude-instant-1.2"));
        assertEquals("anthropic.claude-v2:1", BedrockModels.idFor("claude-2.1"));
        assertEquals("anthropic.claude-3-opus-20240229-v1:0", BedrockModels.idFor("claude-3-opus-20240229"));
        assertEquals("anthropic.claude-3-5-sonnet-20241022-v2:0", BedrockModels.idFor("claude-3-5-sonnet-latest"));
        assertEquals("meta.llama3-8b-instruct-v1:0", BedrockModels.idFor("llama3-8b-8192"));
        assertEquals("meta.llama3-70b-instruct-v1:0", BedrockModels.idFor("llama3-70b-8192"));
        assertEquals("us.meta.llama3-3-70b-instruct-v1:0", BedrockModels.idFor("us.meta.llama3-3-70b-instruct-v1:0"));
        assertTrue(BedrockModels.isLlama("llama3-70b-8192"));
        assertTrue(BedrockModels.isLlama("us.meta.llama3-3-70b-instruct-v1:0"));
        assertFalse(BedrockModels.isLlama("claude-3-5-sonnet-latest"));
        assertTrue(BedrockModels.NAMES.containsAll(List.of("llama3-8b-8192", "llama3-70b-8192")));
        assertEquals("anthropic.claude-3-5-haiku-20241022-v1:0", BedrockModels.idFor("claude-3-5-haiku-20241022"));
        assertEquals(12, BedrockModels.NAMES.size(), "One API's ten Claude and two Llama 3 names");
        assertEquals("arn:aws:bedrock:us-east-1:123456789012:inference-profile/x",
                BedrockModels.idFor("arn:aws:bedrock:us-east-1:123456789012:inference-profile/x"));
        assertThrows(IllegalArgumentException.class, () -> BedrockModels.idFor("llama3.1-8b"));
    }

    @Test
    void accountsNeverPrintTheSecret() {
        JsonNode fixture = Fixtures.cases("aws/bedrock-requests.json").get(0);
        BedrockAccount account = BedrockAccount.of(Fixtures.context(fixture).channel());
        assertEquals("us-east-1", account.region());
        assertTrue(!account.toString().contains(account.secretKey()), account.toString());
    }
}
