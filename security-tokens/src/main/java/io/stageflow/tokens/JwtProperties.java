package io.stageflow.tokens;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bearer tokens are verified, by the gateway and again by every service.
 *
 * @param secret the HMAC key of the tokens the gateway signs itself (dev users in the local stack, API keys on
 *     their way to a service), at least 32 bytes; there is deliberately no default
 * @param issuer the {@code iss} of those tokens
 * @param audience the {@code aud} every token must carry
 * @param clockSkew tolerance for {@code exp} and {@code nbf}
 * @param identityProvider people's tokens from the company's identity provider (Keycloak, Entra ID, Auth0 …),
 *     signed with its keys; absent when only the gateway's own tokens are used
 */
@org.springframework.validation.annotation.Validated
@ConfigurationProperties("stageflow.security.jwt")
public record JwtProperties(
        @NotBlank @Size(min = 32, message = "must be at least 32 characters")
        String secret,

        @DefaultValue("stageflow") @NotBlank String issuer,
        @DefaultValue("stageflow-api") @NotBlank String audience,
        @DefaultValue("60s") Duration clockSkew,
        @Valid IdentityProvider identityProvider) {

    /**
     * @param issuer the provider's {@code iss}, for example {@code https://sso.example.com/realms/acme}
     * @param jwkSetUri where its public keys are published
     * @param audience the {@code aud} it puts into tokens for Stageflow
     */
    public record IdentityProvider(
            @NotBlank String issuer,
            @NotBlank String jwkSetUri,
            @NotBlank String audience) {}
}
