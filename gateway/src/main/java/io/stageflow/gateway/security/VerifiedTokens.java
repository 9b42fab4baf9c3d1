package io.stageflow.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers bearer tokens whose signature, issuer and audience were already verified. A frontend sends the same
 * token with every call until it expires; parsing and verifying it again showed in JFR profiles of the gateway
 * under load, and an identity provider's RSA signature costs far more to check than the gateway's own HMAC. A
 * remembered token is still checked against the clock on every use, so it stops working at its {@code exp}
 * exactly as before; a token that fails verification is never remembered.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> stillValid;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(ReactiveJwtDecoder verifier, Duration clockSkew, Clock clock, long capacity) {
        this.verifier = verifier;
        var timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setClock(clock);
        this.stillValid = timestamps;
        // tokens live minutes to an hour; an entry that outlives its token is refused by the timestamp check anyway
        this.verified = Caffeine.newBuilder()
                .maximumSize(capacity)
                .expireAfterWrite(Duration.ofHours(1))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            if (!stillValid.validate(known).hasErrors()) {
                return Mono.just(known);
            }
            verified.invalidate(token);
        }
        return verifier.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }
}
