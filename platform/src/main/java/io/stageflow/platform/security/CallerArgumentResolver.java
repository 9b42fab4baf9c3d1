package io.stageflow.platform.security;

import io.stageflow.tokens.StageflowTokens;
import java.util.List;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets controllers take a {@link Caller} parameter, built from the verified token. */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Caller resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("no verified bearer token for a Caller parameter");
        }
        return callerOf(token.getToken());
    }

    static Caller callerOf(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(StageflowTokens.ROLES_CLAIM);
        return new Caller(
                jwt.getSubject(),
                jwt.getClaimAsString(StageflowTokens.TENANT_CLAIM),
                roles == null ? Set.of() : Set.copyOf(roles));
    }
}
