package io.oneapi.proxy.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageUrlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void collectsHttpImageUrlsOnceInOrder() throws Exception {
        String request = """
                {"model":"claude-3-haiku-20240307","messages":[
                  {"role":"system","content":"be brief"},
                  {"role":"user","content":[
                    {"type":"text","text":"compare"},
                    {"type":"image_url","image_url":{"url":"https://a.example/1.png","detail":"high"}},
                    {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                    {"type":"image_url","image_url":"HTTP://b.example/2.jpg"}]},
                  {"role":"assistant","content":"ok"},
                  {"role":"user","content":[
                    {"type":"image_url","image_url":{"url":"https://a.example/1.png"}},
                    {"type":"image_url","image_url":{"url":"ftp://c.example/3.png"}},
                    {"type":"text","image_url":{"url":"https://ignored.example/"}}]}]}
                """;
        assertEquals(List.of("https://a.example/1.png", "HTTP://b.example/2.jpg"), ImageUrls.in(JSON.readTree(request)));
    }

    @Test
    void requestsWithoutMessagesHaveNone() throws Exception {
        assertEquals(List.of(), ImageUrls.in(JSON.readTree("{\"prompt\":\"x\"}")));
        assertEquals(List.of(), ImageUrls.in(JSON.readTree("{\"messages\":\"nonsense\"}")));
    }
}
