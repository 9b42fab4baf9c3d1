package io.stageflow.gateway.security;

import io.stageflow.tokens.JwtProperties;
import io.stageflow.tokens.StageflowTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Signs the bearer tokens the gateway itself issues: dev users' tokens in the local stack, and the short-lived
 * token that carries an API key's tenant and roles to the services (which verify every token again).
 */
@Component
public class TokenIssuer {

    private final JwtProperties jwt;
    private final NimbusJwtEncoder encoder;
    private final Clock clock;

    TokenIssuer(JwtProperties jwt) {
        this.jwt = jwt;
        this.encoder = NimbusJwtEncoder.withSecretKey(StageflowTokens.key(jwt)).build();
        this.clock = Clock.systemUTC();
    }

    public String issue(String subject, String tenant, List<String> roles, Duration lifetime) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(jwt.issuer())
                .audience(List.of(jwt.audience()))
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim(StageflowTokens.TENANT_CLAIM, tenant)
                .claim(StageflowTokens.ROLES_CLAIM, roles)
                .build();
        return encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
