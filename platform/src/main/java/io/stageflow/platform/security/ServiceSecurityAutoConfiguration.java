package io.stageflow.platform.security;

import io.stageflow.platform.web.Problems;
import io.stageflow.tokens.JwtProperties;
import io.stageflow.tokens.RouteRoles;
import io.stageflow.tokens.StageflowTokens;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Defence in depth: every service verifies the bearer token itself, so a request that bypasses the
 * gateway, or forges a tenant header, is rejected with 401. Only health and metrics are open.
 */
@AutoConfiguration(
        beforeName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(JwtProperties.class)
public class ServiceSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(JwtProperties properties) {
        return StageflowTokens.decoder(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityFilterChain serviceSecurityFilterChain(HttpSecurity http, List<PublicPaths> publicPaths) throws Exception {
        String[] open =
                publicPaths.stream().flatMap(paths -> paths.patterns().stream()).toArray(String[]::new);
        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        roles.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<String> names = jwt.getClaimAsStringList(StageflowTokens.ROLES_CLAIM);
            return names == null
                    ? List.of()
                    : names.stream()
                            .<GrantedAuthority>map(name -> new SimpleGrantedAuthority("ROLE_" + name))
                            .toList();
        });
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(
                                    "/actuator/health/**",
                                    "/actuator/health",
                                    "/actuator/info",
                                    "/actuator/prometheus",
                                    "/v3/api-docs",
                                    "/v3/api-docs/**",
                                    "/error")
                            .permitAll()
                            .requestMatchers(open)
                            .permitAll();
                    // the gateway's role matrix again: a valid token with the wrong role that reaches a service
                    // directly is refused here too
                    for (RouteRoles.Rule rule : RouteRoles.RULES) {
                        requests.requestMatchers(rule.patterns().toArray(String[]::new))
                                .hasAnyRole(rule.roles().toArray(String[]::new));
                    }
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(roles)))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .exceptionHandling(handling -> handling.accessDeniedHandler((request, response, denied) -> {
                    response.setStatus(403);
                    response.setContentType("application/problem+json");
                    response.getWriter()
                            .write("{\"type\":\"" + Problems.TYPE_BASE + "forbidden\",\"title\":\"Forbidden\","
                                    + "\"status\":403,\"detail\":\"Your roles do not allow this request\"}");
                }))
                .build();
    }

    @Bean
    PublicPaths noExtraPublicPaths() {
        return new PublicPaths(List.of());
    }

    @Bean
    WebMvcConfigurer callerArgumentResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
