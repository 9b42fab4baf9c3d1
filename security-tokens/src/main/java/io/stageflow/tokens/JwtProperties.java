package io.stageflow.tokens;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How services verify the bearer tokens the gateway passes on.
 *
 * @param secret the HMAC key shared with the gateway (at least 32 bytes); there is deliberately no default
 * @param issuer the {@code iss} every token must carry
 * @param audience the {@code aud} every token must carry
 * @param clockSkew tolerance for {@code exp} and {@code nbf}
 */
@org.springframework.validation.annotation.Validated
@ConfigurationProperties("stageflow.security.jwt")
public record JwtProperties(
        @NotBlank @Size(min = 32, message = "must be at least 32 characters")
        String secret,

        @DefaultValue("stageflow") @NotBlank String issuer,
        @DefaultValue("stageflow-api") @NotBlank String audience,
        @DefaultValue("60s") Duration clockSkew) {}
