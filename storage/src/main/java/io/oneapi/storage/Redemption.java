package io.oneapi.storage;

/** A row of {@code redemptions}. {@code userId} is the admin who created the code. */
public record Redemption(int id, int userId, String key, int status, String name, long quota, long createdTime,
                         long redeemedTime) {

    public static final int STATUS_ENABLED = 1;
    public static final int STATUS_DISABLED = 2;
    public static final int STATUS_USED = 3;

    @Override
    public String toString() {
        return "Redemption[id=" + id + ", name=" + name + ", status=" + status + ", quota=" + quota + "]";
    }
}
