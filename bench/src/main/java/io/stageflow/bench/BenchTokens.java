package io.stageflow.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bearer tokens for tenants other than the dev user's, signed with the local stack's own secret (from
 * {@code secrets.env}), the way the gateway signs its dev tokens, so scenarios can act as several tenants.
 */
final class BenchTokens {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BenchTokens() {}

    static String sign(String secret, String tenant, String subject, String... roles) {
        Map<String, Object> claims = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        claims.put("iss", "stageflow");
        claims.put("aud", List.of("stageflow-api"));
        claims.put("sub", subject);
        claims.put("tenant_id", tenant);
        claims.put("roles", List.of(roles));
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        String unsigned = encode(Map.of("alg", "HS256", "typ", "JWT")) + "." + encode(claims);
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return unsigned + "."
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(hmac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Object json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
    }
}
