package io.stageflow.gateway.devauth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Dev users for whom the gateway issues tokens itself. Only the local stack turns this on; everywhere
 * else people get their tokens from the company's identity provider.
 *
 * @param enabled whether {@code POST /api/v1/auth/token} exists at all
 * @param tokenLifetime how long an issued token is valid
 * @param users who may ask for a token, with their tenant and roles
 */
@Validated
@ConfigurationProperties("stageflow.gateway.dev-auth")
public record DevAuthProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("8h") Duration tokenLifetime,
        @DefaultValue List<@Valid DevUser> users) {

    public record DevUser(
            @NotBlank String username,
            @NotBlank String password,
            @NotBlank String tenant,
            @NotEmpty List<String> roles) {}
}
