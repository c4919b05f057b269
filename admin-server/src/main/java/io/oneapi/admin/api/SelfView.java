package io.oneapi.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * {@code /api/user/self}: the caller's own row. {@code require_password_change} appears (true) only while
 * root still has the first-boot password.
 */
record SelfView(@JsonUnwrapped UserView user,
                @JsonInclude(JsonInclude.Include.NON_NULL) Boolean requirePasswordChange) {
}
