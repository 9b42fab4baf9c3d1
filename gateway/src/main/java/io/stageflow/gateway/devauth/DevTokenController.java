package io.stageflow.gateway.devauth;

import io.stageflow.tokens.JwtProperties;
import io.stageflow.tokens.StageflowTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code POST /api/v1/auth/token}: a bearer token for a configured dev user (local stack only). */
@RestController
@ConditionalOnProperty(name = "stageflow.gateway.dev-auth.enabled", havingValue = "true")
class DevTokenController {

    private final DevAuthProperties devAuth;
    private final JwtProperties jwt;
    private final NimbusJwtEncoder encoder;
    private final Clock clock;

    DevTokenController(DevAuthProperties devAuth, JwtProperties jwt) {
        this.devAuth = devAuth;
        this.jwt = jwt;
        this.encoder = NimbusJwtEncoder.withSecretKey(StageflowTokens.key(jwt)).build();
        this.clock = Clock.systemUTC();
    }

    record TokenRequest(@NotBlank String username, @NotBlank String password) {}

    record TokenResponse(String accessToken, String tokenType, long expiresIn, String tenant, List<String> roles) {}

    @PostMapping("/api/v1/auth/token")
    TokenResponse issue(@Valid @RequestBody TokenRequest request) {
        DevAuthProperties.DevUser user = devAuth.users().stream()
                .filter(candidate -> candidate.username().equals(request.username()))
                .filter(candidate -> sameSecret(candidate.password(), request.password()))
                .findFirst()
                .orElseThrow(
                        () -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "unknown user or wrong password"));
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(jwt.issuer())
                .audience(List.of(jwt.audience()))
                .subject(user.username())
                .issuedAt(now)
                .expiresAt(now.plus(devAuth.tokenLifetime()))
                .claim(StageflowTokens.TENANT_CLAIM, user.tenant())
                .claim(StageflowTokens.ROLES_CLAIM, user.roles())
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new TokenResponse(token, "Bearer", devAuth.tokenLifetime().toSeconds(), user.tenant(), user.roles());
    }

    private static boolean sameSecret(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
