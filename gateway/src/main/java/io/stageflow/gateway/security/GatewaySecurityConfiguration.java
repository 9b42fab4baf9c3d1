package io.stageflow.gateway.security;

import io.stageflow.tokens.JwtProperties;
import io.stageflow.tokens.StageflowTokens;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The gateway authenticates every API call before routing it; the services verify the same token again.
 * Open without a token: health, metrics, the dev token endpoint (only exists in the local stack) and
 * anonymous survey responses (authorised by their single-use token).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwtProperties.class)
class GatewaySecurityConfiguration {

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties) {
        return StageflowTokens.reactiveDecoder(properties);
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(
                                "/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/v1/auth/token", "/api/v1/responses/*")
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/v1/responses/*")
                        .permitAll()
                        .pathMatchers("/api/**")
                        .authenticated()
                        .anyExchange()
                        .denyAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> {}))
                .build();
    }
}
