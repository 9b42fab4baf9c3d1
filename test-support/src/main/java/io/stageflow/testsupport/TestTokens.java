package io.stageflow.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Bearer tokens as the gateway issues them, signed with the test key, for calling services in tests. */
public final class TestTokens {

    public static final String SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";
    public static final String ISSUER = "stageflow";
    public static final String AUDIENCE = "stageflow-api";

    private TestTokens() {}

    public static String bearer(String tenantId, String userId, String... roles) {
        return "Bearer "
                + token(
                        SECRET,
                        ISSUER,
                        AUDIENCE,
                        tenantId,
                        userId,
                        Instant.now().plusSeconds(600),
                        roles);
    }

    /** A well-formed, unexpired token signed with a key the services do not trust: a forgery. */
    public static String forgedBearer(String tenantId) {
        return "Bearer "
                + token(
                        "a-key-nobody-trusts-but-long-enough-for-hs256-0123",
                        ISSUER,
                        AUDIENCE,
                        tenantId,
                        "eve",
                        Instant.now().plusSeconds(600),
                        "ADMIN");
    }

    public static String token(
            String secret,
            String issuer,
            String audience,
            String tenantId,
            String userId,
            Instant expiresAt,
            String... roles) {
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String roleList = List.of(roles).stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":[\"" + audience + "\"],\"sub\":\"" + userId
                + "\",\"tenant_id\":\"" + tenantId + "\",\"roles\":[" + roleList + "],\"iat\":"
                + (expiresAt.getEpochSecond() - 600) + ",\"exp\":" + expiresAt.getEpochSecond() + "}";
        String unsigned =
                base64(header.getBytes(StandardCharsets.UTF_8)) + "." + base64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return unsigned + "." + base64(mac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
