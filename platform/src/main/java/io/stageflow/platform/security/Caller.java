package io.stageflow.platform.security;

import io.stageflow.platform.web.ForbiddenException;
import java.util.Arrays;
import java.util.Set;

/**
 * Who is calling, as verified from the bearer token: the tenant comes from the token only, never from a
 * header or a parameter the client could choose.
 */
public record Caller(String userId, String tenantId, Set<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Answers 403 unless the caller holds at least one of {@code anyOf}. */
    public void requireAnyRole(String... anyOf) {
        if (Arrays.stream(anyOf).noneMatch(roles::contains)) {
            throw new ForbiddenException("This needs one of the roles " + String.join(", ", anyOf));
        }
    }
}
