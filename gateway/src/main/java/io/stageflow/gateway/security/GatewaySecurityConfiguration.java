package io.stageflow.gateway.security;

import io.stageflow.gateway.apikeys.ApiKeyFilters;
import io.stageflow.gateway.web.GatewayProblems;
import io.stageflow.tokens.JwtProperties;
import io.stageflow.tokens.RouteRoles;
import io.stageflow.tokens.StageflowTokens;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The gateway authenticates every API call (a bearer token for people, {@code X-API-Key} for machines) and
 * applies the role matrix ({@link RouteRoles}) before routing it; the services verify the token again. Open
 * without a token: health, metrics, the dev token endpoint (only exists in the local stack) and anonymous
 * survey responses (authorised by their single-use token). Every refusal is a problem: 401 without a valid
 * identity, 403 with one whose roles do not fit.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({JwtProperties.class, CorsProperties.class})
class GatewaySecurityConfiguration {

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties) {
        return new VerifiedTokens(
                StageflowTokens.reactiveDecoder(properties), properties.clockSkew(), Clock.systemUTC(), 10_000);
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ApiKeyFilters apiKeys) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> GatewayProblems.write(
                exchange,
                GatewayProblems.problem(
                        HttpStatus.UNAUTHORIZED, "unauthenticated", "A valid bearer token or API key is required"));
        ServerAccessDeniedHandler forbidden = (exchange, e) -> GatewayProblems.write(
                exchange,
                GatewayProblems.problem(HttpStatus.FORBIDDEN, "forbidden", "Your roles do not allow this request"));
        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        roles.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<String> names = jwt.getClaimAsStringList(StageflowTokens.ROLES_CLAIM);
            return names == null
                    ? List.of()
                    : names.stream()
                            .<GrantedAuthority>map(name -> new SimpleGrantedAuthority("ROLE_" + name))
                            .toList();
        });
        // stateless: every call carries its identity. The defaults keep the security context and a saved request
        // in a web session, and creating one per call (a SecureRandom id on another thread, then a hop back) was a
        // quarter of the gateway's CPU per proxied request in a JFR profile
        return http.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .cors(cors -> {})
                .authorizeExchange(exchanges -> {
                    exchanges
                            .pathMatchers(
                                    "/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus")
                            .permitAll()
                            // API documentation: the services' OpenAPI documents, one Swagger UI for them all, the
                            // events' AsyncAPI
                            .pathMatchers(
                                    HttpMethod.GET,
                                    "/v3/api-docs/**",
                                    "/swagger-ui.html",
                                    "/swagger-ui/**",
                                    "/webjars/**",
                                    "/asyncapi/**")
                            .permitAll()
                            .pathMatchers(HttpMethod.POST, "/api/v1/auth/token", "/api/v1/responses/*")
                            .permitAll()
                            .pathMatchers(HttpMethod.GET, "/api/v1/responses/*")
                            .permitAll();
                    for (RouteRoles.Rule rule : RouteRoles.RULES) {
                        exchanges
                                .pathMatchers(rule.patterns().toArray(String[]::new))
                                .hasAnyRole(rule.roles().toArray(String[]::new));
                    }
                    // an unknown API path: authenticated callers learn it does not exist (404), nobody else anything
                    exchanges
                            .pathMatchers("/api/**")
                            .authenticated()
                            .anyExchange()
                            .denyAll();
                })
                .addFilterAt(apiKeys.authenticationFilter(unauthenticated), SecurityWebFiltersOrder.AUTHENTICATION)
                .oauth2ResourceServer(server -> server.jwt(jwt ->
                                jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(roles)))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .build();
    }

    /** Browsers may call the API only from the configured origins; none by default. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsProperties cors) {
        var configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        configuration.setAllowedHeaders(
                List.of("Authorization", "Content-Type", "If-Match", "Idempotency-Key", ApiKeyFilters.HEADER));
        configuration.setExposedHeaders(List.of("ETag", "Location", "Retry-After"));
        configuration.setMaxAge(3600L);
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", configuration);
        return source;
    }
}
