package io.oneapi.storage;

/**
 * A row of {@code tokens}: an API key (48 alphanumerics, presented by clients as {@code sk-<key>}).
 * {@code expiredTime} is unix seconds or -1 for never; {@code models} and {@code subnet} are comma lists,
 * empty meaning "any".
 */
public record Token(int id, int userId, String key, int status, String name, long createdTime, long accessedTime,
                    long expiredTime, long remainQuota, boolean unlimitedQuota, long usedQuota, String models,
                    String subnet) {

    public static final int STATUS_ENABLED = 1;
    public static final int STATUS_DISABLED = 2;
    public static final int STATUS_EXPIRED = 3;
    public static final int STATUS_EXHAUSTED = 4;

    @Override
    public String toString() {
        return "Token[id=" + id + ", userId=" + userId + ", name=" + name + ", status=" + status + "]";
    }
}
