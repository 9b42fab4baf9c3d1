package io.stageflow.gateway.apikeys;

import io.stageflow.gateway.web.GatewayProblems;
import io.stageflow.tokens.StageflowTokens;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** API keys of the caller's tenant, for admins (the role matrix admits only ADMIN here). */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    /** {@code signRequests}: every request with the key must carry an HMAC signature (webhooks). */
    record NewKey(String name, List<String> roles, Boolean signRequests) {}

    record KeyBody(
            String id,
            String name,
            List<String> roles,
            boolean signsRequests,
            String createdBy,
            Instant createdAt,
            Instant revokedAt) {

        static KeyBody of(ApiKey key) {
            return new KeyBody(
                    key.id(),
                    key.name(),
                    key.roles(),
                    key.signsRequests(),
                    key.createdBy(),
                    key.createdAt(),
                    key.revokedAt());
        }
    }

    /** The created key; {@code key} is the secret and is never shown again. */
    record CreatedKey(
            String id, String name, List<String> roles, Instant createdAt, String key, String signingSecret) {}

    @PostMapping
    Mono<ResponseEntity<?>> create(@AuthenticationPrincipal Jwt caller, @RequestBody(required = false) NewKey request) {
        if (caller == null) {
            return Mono.just(peopleOnly());
        }
        List<Map<String, String>> errors = new ArrayList<>();
        String name = request == null ? null : request.name();
        if (name == null || name.isBlank() || name.length() > 100) {
            errors.add(Map.of("field", "name", "message", "is required, at most 100 characters"));
        }
        List<String> roles =
                request == null || request.roles() == null || request.roles().isEmpty()
                        ? List.of("INTAKE")
                        : request.roles();
        if (!ApiKeyService.GRANTABLE.containsAll(roles)) {
            errors.add(Map.of("field", "roles", "message", "must be some of " + ApiKeyService.GRANTABLE));
        }
        if (!errors.isEmpty()) {
            var problem = GatewayProblems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid field(s)");
            problem.setProperty("errors", errors);
            return Mono.just(ResponseEntity.badRequest().body(problem));
        }
        boolean signed = request != null && Boolean.TRUE.equals(request.signRequests());
        return keys.create(
                        caller.getClaimAsString(StageflowTokens.TENANT_CLAIM),
                        caller.getSubject(),
                        name.strip(),
                        roles,
                        signed)
                .map(issued -> ResponseEntity.created(
                                URI.create("/api/v1/api-keys/" + issued.key().id()))
                        .body(new CreatedKey(
                                issued.key().id(),
                                issued.key().name(),
                                issued.key().roles(),
                                issued.key().createdAt(),
                                issued.secret(),
                                issued.key().signingSecret())));
    }

    @GetMapping
    Mono<ResponseEntity<?>> list(@AuthenticationPrincipal Jwt caller) {
        if (caller == null) {
            return Mono.just(peopleOnly());
        }
        return keys.list(caller.getClaimAsString(StageflowTokens.TENANT_CLAIM))
                .map(KeyBody::of)
                .collectList()
                .map(items -> ResponseEntity.ok(Map.of("items", items)));
    }

    /** Revokes the key at once on this gateway instance (within seconds on others). */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<?>> revoke(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        if (caller == null) {
            return Mono.just(peopleOnly());
        }
        return keys.revoke(caller.getClaimAsString(StageflowTokens.TENANT_CLAIM), id)
                .<ResponseEntity<?>>map(key -> ResponseEntity.noContent().build())
                .defaultIfEmpty(ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(GatewayProblems.problem(
                                HttpStatus.NOT_FOUND, "not-found", "API key " + id + " does not exist")));
    }

    /** Keys are managed by people: a key cannot mint or revoke keys. */
    private static ResponseEntity<?> peopleOnly() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(GatewayProblems.problem(
                        HttpStatus.FORBIDDEN, "forbidden", "API keys are managed by a signed-in admin, not by a key"));
    }
}
