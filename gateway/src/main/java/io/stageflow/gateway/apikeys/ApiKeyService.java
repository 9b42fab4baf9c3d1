package io.stageflow.gateway.apikeys;

import io.stageflow.tokens.RouteRoles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates, lists, revokes and checks API keys. A key reads {@code sfk_<id>_<secret>}: the id (72 random bits)
 * finds the stored key, the secret (256 random bits) is compared by its SHA-256 in constant time. Checked keys
 * are remembered for a few seconds so a busy integration does not cost a store read per request; a revoked
 * key therefore stops working within that time.
 */
@Service
public class ApiKeyService {

    static final Duration REMEMBER = Duration.ofSeconds(10);
    private static final Pattern SHAPE = Pattern.compile("^sfk_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$");
    private static final SecureRandom RANDOM = new SecureRandom();
    static final List<String> GRANTABLE =
            List.of(RouteRoles.INTAKE, RouteRoles.SALES, RouteRoles.MANAGER, RouteRoles.HR, RouteRoles.ADMIN);

    private final ApiKeys keys;
    private final Clock clock;
    private final Map<String, Remembered> recent = new ConcurrentHashMap<>();

    ApiKeyService(ApiKeys keys) {
        this.keys = keys;
        this.clock = Clock.systemUTC();
    }

    /** A new key with its secret, which exists only in this answer. */
    public record Issued(ApiKey key, String secret) {}

    private record Remembered(ApiKey key, Instant until) {}

    public Mono<Issued> create(String tenantId, String createdBy, String name, List<String> roles, boolean signed) {
        String id = random(9);
        String secret = random(32);
        String key = "sfk_" + id + "_" + secret;
        var stored = new ApiKey(
                id,
                tenantId,
                name,
                List.copyOf(roles),
                hash(secret),
                createdBy,
                clock.instant(),
                null,
                signed ? "whsec_" + random(32) : null);
        return keys.insert(stored).map(saved -> new Issued(saved, key));
    }

    public Flux<ApiKey> list(String tenantId) {
        return keys.findByTenantId(tenantId);
    }

    /** Revokes a key of the tenant; empty when the tenant has no such key. */
    public Mono<ApiKey> revoke(String tenantId, String id) {
        return keys.findById(id)
                .filter(key -> key.tenantId().equals(tenantId))
                .flatMap(key -> key.active() ? keys.save(key.revoked(clock.instant())) : Mono.just(key))
                .doOnNext(key -> recent.remove(key.id()));
    }

    /** The active key this text is, or empty. */
    public Mono<ApiKey> check(String presented) {
        Matcher parts = presented == null ? null : SHAPE.matcher(presented.strip());
        if (parts == null || !parts.matches()) {
            return Mono.empty();
        }
        String id = parts.group(1);
        byte[] secretHash = hash(parts.group(2)).getBytes(StandardCharsets.US_ASCII);
        Instant now = clock.instant();
        Remembered remembered = recent.get(id);
        Mono<ApiKey> stored = remembered != null && remembered.until().isAfter(now)
                ? Mono.just(remembered.key())
                : keys.findById(id).doOnNext(key -> recent.put(id, new Remembered(key, now.plus(REMEMBER))));
        return stored.filter(ApiKey::active)
                .filter(key -> MessageDigest.isEqual(key.secretHash().getBytes(StandardCharsets.US_ASCII), secretHash));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
