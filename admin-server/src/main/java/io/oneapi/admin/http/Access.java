package io.oneapi.admin.http;

/** Who may call a route: One API's auth levels (inventory section 7.1). */
public enum Access {
    /** Anyone; the session is still read when present (OAuth binding, logout). */
    PUBLIC(-1),
    /** Role at least 1. */
    USER(1),
    /** Role at least 10. */
    ADMIN(10),
    /** Role at least 100. */
    ROOT(100);

    private final int minRole;

    Access(int minRole) {
        this.minRole = minRole;
    }

    public int minRole() {
        return minRole;
    }

    public boolean needsCaller() {
        return this != PUBLIC;
    }
}
