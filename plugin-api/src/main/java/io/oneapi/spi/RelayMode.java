package io.oneapi.spi;

/** What the client asked for, derived by the core from the request path. */
public enum RelayMode {
    CHAT_COMPLETIONS,
    COMPLETIONS,
    EMBEDDINGS,
    MODERATIONS,
    EDITS,
    IMAGES_GENERATIONS,
    AUDIO_SPEECH,
    AUDIO_TRANSCRIPTION,
    AUDIO_TRANSLATION,
    /** {@code /v1/oneapi/proxy/:channel/*}: raw forwarding to the channel's base URL. */
    PROXY
}
