package io.stageflow.gateway.apikeys;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an API key: the key's tenant and roles, no person. */
public class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final transient ApiKey key;

    ApiKeyAuthentication(ApiKey key) {
        super(key.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList());
        this.key = key;
        setAuthenticated(true);
    }

    public ApiKey key() {
        return key;
    }

    /** The identity services see: {@code api-key:<id>}. */
    public String subject() {
        return "api-key:" + key.id();
    }

    public List<String> roles() {
        return key.roles();
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return subject();
    }
}
