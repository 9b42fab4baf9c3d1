package io.stageflow.gateway.apikeys;

import io.stageflow.gateway.security.TokenIssuer;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Machines authenticate with {@code X-API-Key}. The gateway checks the key, then forwards the request with a
 * short-lived bearer token it signs for the key's tenant and roles, so services verify machines exactly like
 * people and never see the key itself.
 */
@Component
public class ApiKeyFilters implements GlobalFilter, Ordered {

    public static final String HEADER = "X-API-Key";
    static final Duration FORWARDED_TOKEN_LIFETIME = Duration.ofMinutes(5);

    private final ApiKeyService keys;
    private final TokenIssuer tokens;

    ApiKeyFilters(ApiKeyService keys, TokenIssuer tokens) {
        this.keys = keys;
        this.tokens = tokens;
    }

    /** The security filter that turns a valid key into an {@link ApiKeyAuthentication}; a bad key is 401. */
    public AuthenticationWebFilter authenticationFilter(ServerAuthenticationEntryPoint entryPoint) {
        var filter = new AuthenticationWebFilter(
                (Authentication presented) -> keys.check((String) presented.getCredentials())
                        .<Authentication>map(ApiKeyAuthentication::new)
                        .switchIfEmpty(Mono.error(new BadCredentialsException("unknown or revoked API key"))));
        filter.setRequiresAuthenticationMatcher(
                exchange -> exchange.getRequest().getHeaders().containsHeader(HEADER)
                        ? ServerWebExchangeMatcher.MatchResult.match()
                        : ServerWebExchangeMatcher.MatchResult.notMatch());
        filter.setServerAuthenticationConverter(
                exchange -> Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst(HEADER))
                        .map(PresentedKey::new));
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(entryPoint));
        return filter;
    }

    /** Replaces the key by a bearer token for the service; runs before the request is proxied. */
    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(ApiKeyAuthentication.class::isInstance)
                .cast(ApiKeyAuthentication.class)
                .map(authenticated -> exchange.mutate()
                        .request(request -> request.headers(headers -> {
                            headers.remove(HEADER);
                            headers.set(
                                    HttpHeaders.AUTHORIZATION,
                                    "Bearer "
                                            + tokens.issue(
                                                    authenticated.subject(),
                                                    authenticated.key().tenantId(),
                                                    authenticated.roles(),
                                                    FORWARDED_TOKEN_LIFETIME));
                        }))
                        .build())
                .defaultIfEmpty(exchange)
                .flatMap(chain::filter);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    /** The key as presented, before it is checked. */
    static final class PresentedKey extends org.springframework.security.authentication.AbstractAuthenticationToken {

        private final String key;

        PresentedKey(String key) {
            super(java.util.List.of());
            this.key = key;
        }

        @Override
        public Object getCredentials() {
            return key;
        }

        @Override
        public Object getPrincipal() {
            return "api-key";
        }
    }
}
