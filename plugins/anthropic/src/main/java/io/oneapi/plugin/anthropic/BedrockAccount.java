package io.oneapi.plugin.anthropic;

import io.oneapi.spi.ChannelInfo;
import java.util.regex.Pattern;

/**
 * The AWS credentials and region of a Bedrock channel: the channel config's {@code ak}, {@code sk} and
 * {@code region}, or One API's UI form {@code ak|sk|region} in the key for whatever the config leaves out.
 */
record BedrockAccount(String accessKey, String secretKey, String region) {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

    /** @throws IllegalStateException when the channel is misconfigured (not the client's fault) */
    static BedrockAccount of(ChannelInfo channel) {
        String[] key = channel.key().split("\\|", -1);
        String ak = channel.setting("ak", key.length >= 3 ? key[0].strip() : "");
        String sk = channel.setting("sk", key.length >= 3 ? key[1].strip() : "");
        String region = channel.setting("region", key.length >= 3 ? key[2].strip() : "");
        if (ak.isEmpty() || sk.isEmpty() || region.isEmpty()) {
            throw new IllegalStateException("AWS channel #" + channel.id() + " needs an access key, a secret key and"
                    + " a region (config ak, sk, region or key ak|sk|region)");
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalStateException("AWS channel #" + channel.id() + " has an invalid region");
        }
        return new BedrockAccount(ak, sk, region);
    }

    @Override
    public String toString() {
        return "BedrockAccount[accessKey=" + accessKey + ", region=" + region + "]";
    }
}
