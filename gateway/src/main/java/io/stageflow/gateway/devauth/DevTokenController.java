package io.stageflow.gateway.devauth;

import io.stageflow.gateway.security.TokenIssuer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code POST /api/v1/auth/token}: a bearer token for a configured dev user (local stack only). */
@RestController
@ConditionalOnProperty(name = "stageflow.gateway.dev-auth.enabled", havingValue = "true")
class DevTokenController {

    private final DevAuthProperties devAuth;
    private final TokenIssuer tokens;

    DevTokenController(DevAuthProperties devAuth, TokenIssuer tokens) {
        this.devAuth = devAuth;
        this.tokens = tokens;
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
        String token = tokens.issue(user.username(), user.tenant(), user.roles(), devAuth.tokenLifetime());
        return new TokenResponse(token, "Bearer", devAuth.tokenLifetime().toSeconds(), user.tenant(), user.roles());
    }

    private static boolean sameSecret(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
