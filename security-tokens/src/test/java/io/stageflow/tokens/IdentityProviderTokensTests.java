package io.stageflow.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * People's tokens from an identity provider (signed with its published RSA keys) and the gateway's own HMAC
 * tokens are both accepted; anything else, an unsigned token above all, is not.
 */
class IdentityProviderTokensTests {

    static final String SECRET = "a-gateway-secret-that-is-long-enough-0123456789";
    static final String PROVIDER = "https://sso.example.com/realms/acme";
    static RSAKey providerKey;
    static RSAKey strangerKey;
    static HttpServer jwks;
    static JwtProperties properties;

    @BeforeAll
    static void identityProvider() throws Exception {
        providerKey = new RSAKeyGenerator(2048).keyID("provider-1").generate();
        strangerKey = new RSAKeyGenerator(2048).keyID("provider-1").generate();
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/keys", exchange -> {
            byte[] body = new JWKSet(providerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        properties = new JwtProperties(
                SECRET,
                "stageflow",
                "stageflow-api",
                Duration.ofSeconds(60),
                new JwtProperties.IdentityProvider(
                        PROVIDER, "http://127.0.0.1:" + jwks.getAddress().getPort() + "/keys", "stageflow"));
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    @Test
    void aPersonsTokenFromTheIdentityProviderIsAcceptedByServicesAndTheGateway() throws Exception {
        String token =
                providerToken(providerKey, PROVIDER, "stageflow", Instant.now().plusSeconds(300));

        JwtDecoder services = StageflowTokens.decoder(properties);
        ReactiveJwtDecoder gateway = StageflowTokens.reactiveDecoder(properties);

        assertThat(services.decode(token).getClaimAsString(StageflowTokens.TENANT_CLAIM))
                .isEqualTo("acme");
        assertThat(gateway.decode(token).block().getSubject()).isEqualTo("maria@acme.example");
    }

    @Test
    void theGatewaysOwnTokensStillWork() throws Exception {
        var claims = claims("stageflow", "stageflow-api", Instant.now().plusSeconds(300));
        var signed = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        signed.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));

        assertThat(StageflowTokens.decoder(properties)
                        .decode(signed.serialize())
                        .getSubject())
                .isEqualTo("maria@acme.example");
    }

    @Test
    void tokensSignedByAStrangerOrForAnotherIssuerAudienceOrTimeOrUnsignedAreRejected() throws Exception {
        JwtDecoder decoder = StageflowTokens.decoder(properties);
        Instant soon = Instant.now().plusSeconds(300);
        List<String> bad = List.of(
                providerToken(strangerKey, PROVIDER, "stageflow", soon),
                providerToken(providerKey, "https://evil.example", "stageflow", soon),
                providerToken(providerKey, PROVIDER, "another-api", soon),
                providerToken(providerKey, PROVIDER, "stageflow", Instant.now().minusSeconds(120)),
                new PlainJWT(claims(PROVIDER, "stageflow", soon)).serialize());

        for (String token : bad) {
            assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
        }
    }

    private static String providerToken(RSAKey key, String issuer, String audience, Instant expires) throws Exception {
        var signed = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims(issuer, audience, expires));
        signed.sign(new RSASSASigner(key));
        return signed.serialize();
    }

    private static JWTClaimsSet claims(String issuer, String audience, Instant expires) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject("maria@acme.example")
                .issueTime(Date.from(expires.minusSeconds(600)))
                .expirationTime(Date.from(expires))
                .claim(StageflowTokens.TENANT_CLAIM, "acme")
                .claim(StageflowTokens.ROLES_CLAIM, List.of("SALES"))
                .build();
    }
}
