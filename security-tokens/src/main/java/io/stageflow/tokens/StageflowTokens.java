package io.stageflow.tokens;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** How Stageflow bearer tokens are signed and checked, shared by the gateway (which issues and checks them) and the services (which check them again). */
public final class StageflowTokens {

    public static final String TENANT_CLAIM = "tenant_id";
    public static final String ROLES_CLAIM = "roles";

    private StageflowTokens() {}

    public static SecretKeySpec key(JwtProperties properties) {
        return new SecretKeySpec(properties.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * Verifies the gateway's own tokens (HMAC) and, when an identity provider is configured, people's tokens
     * signed with its published keys. Which verifier applies is read from the token's {@code alg}; a token
     * whose algorithm neither accepts ({@code none} included) is rejected.
     */
    public static ReactiveJwtDecoder reactiveDecoder(JwtProperties properties) {
        NimbusReactiveJwtDecoder own = NimbusReactiveJwtDecoder.withSecretKey(key(properties))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        own.setJwtValidator(validator(properties.issuer(), properties.audience(), properties));
        JwtProperties.IdentityProvider provider = properties.identityProvider();
        if (provider == null) {
            return own;
        }
        NimbusReactiveJwtDecoder external = NimbusReactiveJwtDecoder.withJwkSetUri(provider.jwkSetUri())
                .jwsAlgorithms(algorithms -> algorithms.addAll(PROVIDER_ALGORITHMS))
                .build();
        external.setJwtValidator(validator(provider.issuer(), provider.audience(), properties));
        return token -> signedByGateway(token) ? own.decode(token) : external.decode(token);
    }

    /** The same as {@link #reactiveDecoder} for servlet services. */
    public static JwtDecoder decoder(JwtProperties properties) {
        NimbusJwtDecoder own = NimbusJwtDecoder.withSecretKey(key(properties))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        own.setJwtValidator(validator(properties.issuer(), properties.audience(), properties));
        JwtProperties.IdentityProvider provider = properties.identityProvider();
        if (provider == null) {
            return own;
        }
        NimbusJwtDecoder external = NimbusJwtDecoder.withJwkSetUri(provider.jwkSetUri())
                .jwsAlgorithms(algorithms -> algorithms.addAll(PROVIDER_ALGORITHMS))
                .build();
        external.setJwtValidator(validator(provider.issuer(), provider.audience(), properties));
        return token -> signedByGateway(token) ? own.decode(token) : external.decode(token);
    }

    /** Whether the token's header names HMAC; anything unreadable goes to the HMAC verifier, which rejects it. */
    static boolean signedByGateway(String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return true;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            return header.replace(" ", "").contains("\"alg\":\"HS");
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static final List<SignatureAlgorithm> PROVIDER_ALGORITHMS = List.of(
            SignatureAlgorithm.RS256,
            SignatureAlgorithm.RS384,
            SignatureAlgorithm.RS512,
            SignatureAlgorithm.ES256,
            SignatureAlgorithm.ES384,
            SignatureAlgorithm.PS256);

    /** Issuer, audience, {@code exp}/{@code nbf} within the skew, and a tenant. */
    public static OAuth2TokenValidator<Jwt> validator(JwtProperties properties) {
        return validator(properties.issuer(), properties.audience(), properties);
    }

    private static OAuth2TokenValidator<Jwt> validator(
            String issuer, String expectedAudience, JwtProperties properties) {
        OAuth2TokenValidator<Jwt> audience =
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(expectedAudience));
        OAuth2TokenValidator<Jwt> tenant = jwt -> {
            String value = jwt.getClaimAsString(TENANT_CLAIM);
            return value == null || value.isBlank()
                    ? OAuth2TokenValidatorResult.failure(
                            new OAuth2Error("invalid_token", "token carries no " + TENANT_CLAIM, null))
                    : OAuth2TokenValidatorResult.success();
        };
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                new JwtTimestampValidator(properties.clockSkew()),
                audience,
                tenant);
    }
}
