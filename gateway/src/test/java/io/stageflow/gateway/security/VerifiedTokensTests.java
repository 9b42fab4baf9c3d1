package io.stageflow.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stageflow.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class VerifiedTokensTests {

    private static final Duration SKEW = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
    private final AtomicInteger verifications = new AtomicInteger();

    /** Stands in for the signature check: accepts "good-…" tokens expiring in 5 minutes, refuses the rest. */
    private final ReactiveJwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good-")) {
            return Mono.error(new BadJwtException("bad signature"));
        }
        Instant issued = clock.instant();
        return Mono.just(Jwt.withTokenValue(token)
                .header("alg", "HS256")
                .subject(token)
                .issuedAt(issued)
                .expiresAt(issued.plus(Duration.ofMinutes(5)))
                .build());
    };

    private final VerifiedTokens tokens = new VerifiedTokens(verifier, SKEW, clock, 100);

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromMemory() {
        Jwt first = tokens.decode("good-ada").block();
        Jwt second = tokens.decode("good-ada").block();

        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void anExpiredRememberedTokenIsVerifiedAgainNotServedFromMemory() {
        tokens.decode("good-ada").block();
        clock.advance(Duration.ofMinutes(5).plus(SKEW).plusSeconds(1));

        tokens.decode("good-ada").block();

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        assertThatThrownBy(() -> tokens.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged").block()).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void withinTheClockSkewAnExpiredTokenIsStillAccepted() {
        tokens.decode("good-ada").block();
        clock.advance(Duration.ofMinutes(5).plus(SKEW).minusSeconds(1));

        assertThat(tokens.decode("good-ada").block()).isNotNull();
        assertThat(verifications).hasValue(1);
    }

    @Test
    void anExpiredRememberedTokenIsRefusedWhenTheVerifierRefusesIt() {
        var calls = new AtomicInteger();
        ReactiveJwtDecoder signatureOnly = token ->
                calls.getAndIncrement() == 0 ? verifier.decode(token) : Mono.error(new BadJwtException("expired"));
        var remembering = new VerifiedTokens(signatureOnly, SKEW, clock, 100);
        remembering.decode("good-ada").block();
        clock.advance(Duration.ofMinutes(6).plus(SKEW));

        assertThatThrownBy(() -> remembering.decode("good-ada").block())
                .isInstanceOf(BadJwtException.class)
                .hasMessage("expired");
    }
}
