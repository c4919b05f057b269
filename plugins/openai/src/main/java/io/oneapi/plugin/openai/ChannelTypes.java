package io.oneapi.plugin.openai;

/** The channel type ids (One API's {@code channeltype} constants) whose URL or headers need a special rule. */
final class ChannelTypes {
    static final int OPENAI = 1;
    static final int AZURE = 3;
    static final int OPENROUTER = 20;
    static final int BAICHUAN = 26;
    static final int MINIMAX = 27;
    static final int DOUBAO = 40;
    static final int NOVITA = 41;
    static final int PROXY = 43;
    static final int BAIDU_V2 = 47;
    static final int ALI_BAILIAN = 49;
    static final int OPENAI_COMPATIBLE = 50;
    static final int GEMINI_OPENAI = 51;

    private ChannelTypes() {
    }
}
