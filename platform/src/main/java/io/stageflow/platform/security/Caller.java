package io.stageflow.platform.security;

import java.util.Set;

/**
 * Who is calling, as verified from the bearer token: the tenant comes from the token only, never from a
 * header or a parameter the client could choose.
 */
public record Caller(String userId, String tenantId, Set<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
