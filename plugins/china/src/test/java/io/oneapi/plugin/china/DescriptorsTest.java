package io.oneapi.plugin.china;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.plugin.china.ernie.ErnieAdapter;
import io.oneapi.plugin.china.hunyuan.HunyuanAdapter;
import io.oneapi.plugin.china.qwen.QwenAdapter;
import io.oneapi.plugin.china.xunfei.XunfeiAdapter;
import io.oneapi.plugin.china.zhipu.ZhipuAdapter;
import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ProviderAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Channel types, labels, base URLs, default models and settings as One API has them (inventory 4.2, 4.5). */
class DescriptorsTest {
    private static final List<ProviderAdapter> ADAPTERS = List.of(new ErnieAdapter(), new ZhipuAdapter(),
            new QwenAdapter(), new XunfeiAdapter(), new HunyuanAdapter());

    private static ChannelTypeInfo type(ProviderAdapter adapter) {
        List<ChannelTypeInfo> types = adapter.descriptor().channelTypes();
        assertEquals(1, types.size(), adapter.descriptor().id());
        return types.get(0);
    }

    @Test
    void eachAdapterServesOneTypeWithOneApisLabelAndBaseUrl() {
        assertEquals(List.of(
                "15 百度文心千帆 https://aip.baidubce.com baidu",
                "16 智谱 ChatGLM https://open.bigmodel.cn zhipu",
                "17 阿里通义千问 https://dashscope.aliyuncs.com ali",
                "18 讯飞星火认知 wss://spark-api.xf-yun.com xunfei",
                "23 腾讯混元 https://hunyuan.tencentcloudapi.com tencent"),
                ADAPTERS.stream().map(DescriptorsTest::type).map(t -> t.type() + " " + t.label() + " "
                        + t.defaultBaseUrl() + " " + t.ownedBy()).toList());
    }

    @Test
    void defaultModelsFollowOneApi() {
        List<String> ernie = type(new ErnieAdapter()).defaultModels();
        assertEquals(16, ernie.size());
        assertTrue(ernie.containsAll(List.of("ERNIE-4.0-8K", "ERNIE-Speed-128K", "Embedding-V1", "tao-8k")));
        List<String> zhipu = type(new ZhipuAdapter()).defaultModels();
        assertEquals(23, zhipu.size());
        assertTrue(zhipu.containsAll(List.of("glm-4-plus", "glm-4v", "cogview-3", "embedding-3", "codegeex-4")));
        List<String> ali = type(new QwenAdapter()).defaultModels();
        assertTrue(ali.size() > 80, "about eighty names: " + ali.size());
        assertTrue(ali.containsAll(List.of("qwen-turbo", "qwen-max-longcontext", "qwq-32b-preview", "text-embedding-v3",
                "ali-stable-diffusion-xl", "wanx-v1", "qwen-mt-turbo", "deepseek-r1-distill-llama-70b")));
        assertEquals(List.of("Spark-Lite", "Spark-Pro", "Spark-Pro-128K", "Spark-Max", "Spark-Max-32K",
                "Spark-4.0-Ultra"), type(new XunfeiAdapter()).defaultModels());
        assertEquals(List.of("hunyuan-lite", "hunyuan-standard", "hunyuan-standard-256K", "hunyuan-pro",
                "hunyuan-vision", "hunyuan-embedding"), type(new HunyuanAdapter()).defaultModels());
        for (ProviderAdapter adapter : ADAPTERS) {
            List<String> models = type(adapter).defaultModels();
            assertEquals(models.size(), models.stream().distinct().count(), adapter.descriptor().id());
        }
    }

    @Test
    void settingsNameTheChannelConfigKeysTheTypesRead() {
        assertEquals(List.of("plugin"), type(new QwenAdapter()).settings(), "X-DashScope-Plugin");
        assertEquals(List.of(), type(new ErnieAdapter()).settings());
        assertEquals(List.of(), type(new ZhipuAdapter()).settings());
        assertEquals(List.of(), type(new HunyuanAdapter()).settings());
        assertEquals(List.of("api_version"), type(new XunfeiAdapter()).settings(), "the version for unknown models");
    }

    @Test
    void theAnnotationProcessorIndexedEveryAdapter() throws IOException {
        List<String> indexed = new ArrayList<>();
        Enumeration<URL> indexes = ErnieAdapter.class.getClassLoader().getResources("META-INF/extensions.idx");
        while (indexes.hasMoreElements()) {
            try (InputStream index = indexes.nextElement().openStream()) {
                new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(indexed::add);
            }
        }
        for (ProviderAdapter adapter : ADAPTERS) {
            assertTrue(indexed.contains(adapter.getClass().getName()), indexed.toString());
        }
    }
}
