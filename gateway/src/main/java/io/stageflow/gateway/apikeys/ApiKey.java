package io.stageflow.gateway.apikeys;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A machine client's key: one tenant, chosen roles, and only the SHA-256 of its secret. The secret is shown
 * once, when the key is created. {@code id} is the public part of the key, so a lookup needs no scan.
 * {@code signingSecret}, when set, is the shared HMAC key its requests must be signed with; unlike the key's
 * secret it has to be kept as is, because the gateway computes the same signature to compare.
 */
@Document("api_keys")
public record ApiKey(
        @Id String id,
        String tenantId,
        String name,
        List<String> roles,
        String secretHash,
        String createdBy,
        Instant createdAt,
        Instant revokedAt,
        String signingSecret) {

    /** Whether requests with this key must be signed (webhooks from marketing automation). */
    public boolean signsRequests() {
        return signingSecret != null;
    }

    public boolean active() {
        return revokedAt == null;
    }

    ApiKey revoked(Instant at) {
        return new ApiKey(id, tenantId, name, roles, secretHash, createdBy, createdAt, at, signingSecret);
    }
}
