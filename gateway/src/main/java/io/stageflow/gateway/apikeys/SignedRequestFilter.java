package io.stageflow.gateway.apikeys;

import io.stageflow.gateway.web.GatewayProblems;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Requests made with an API key that signs its requests (webhooks from marketing automation) must carry
 * {@code X-Stageflow-Timestamp} (Unix seconds) and {@code X-Stageflow-Signature: v1=<hex>}, the HMAC-SHA256
 * of {@code <timestamp>.<body>} under the key's signing secret. A timestamp more than 5 minutes off, a wrong
 * signature, or a signature seen before (a replay) answers 401 and the request goes nowhere. Signatures are
 * remembered for twice the window by this instance.
 */
@Component
public class SignedRequestFilter implements WebFilter, Ordered {

    public static final String TIMESTAMP = "X-Stageflow-Timestamp";
    public static final String SIGNATURE = "X-Stageflow-Signature";
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    SignedRequestFilter() {
        this.clock = Clock.systemUTC();
    }

    @Override
    public int getOrder() {
        return 1; // after authentication and the request limits
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // not switchIfEmpty after the chain: a filter chain completes empty, and the request would be routed twice
        return exchange.getPrincipal()
                .filter(ApiKeyAuthentication.class::isInstance)
                .map(principal -> Optional.of(((ApiKeyAuthentication) principal).key()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(key -> key.filter(ApiKey::signsRequests).isPresent()
                        ? verified(exchange, chain, key.get())
                        : chain.filter(exchange));
    }

    private Mono<Void> verified(ServerWebExchange exchange, WebFilterChain chain, ApiKey key) {
        var headers = exchange.getRequest().getHeaders();
        String timestamp = headers.getFirst(TIMESTAMP);
        String signature = headers.getFirst(SIGNATURE);
        long now = clock.instant().getEpochSecond();
        long sent;
        try {
            sent = Long.parseLong(timestamp == null ? "" : timestamp.strip());
        } catch (NumberFormatException e) {
            return refuse(exchange, "the request must be signed: " + TIMESTAMP + " and " + SIGNATURE + " are required");
        }
        if (signature == null || !signature.startsWith("v1=")) {
            return refuse(exchange, "the request must be signed: " + SIGNATURE + " v1=<hex> is required");
        }
        if (Math.abs(now - sent) > WINDOW.toSeconds()) {
            return refuse(exchange, "the signature's timestamp is more than 5 minutes away from now");
        }
        // the gateway's own body cache: the proxied request replays the body that was read here
        return ServerWebExchangeUtils.cacheRequestBody(exchange, cached -> {
            DataBuffer buffer = exchange.getAttribute(ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR);
            String body = buffer == null ? "" : buffer.toString(StandardCharsets.UTF_8);
            String expected = "v1=" + hmac(key.signingSecret(), timestamp.strip() + "." + body);
            if (!MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII),
                    signature.strip().getBytes(StandardCharsets.US_ASCII))) {
                return refuse(exchange, "the signature does not match the body");
            }
            forgetOld(now);
            if (seen.putIfAbsent(key.id() + ":" + signature.strip(), sent) != null) {
                return refuse(exchange, "this signed request was sent before (a replay)");
            }
            return chain.filter(exchange.mutate().request(cached).build());
        });
    }

    private void forgetOld(long now) {
        if (seen.size() > 10_000) {
            seen.values().removeIf(sent -> now - sent > 2 * WINDOW.toSeconds());
        }
    }

    static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, String detail) {
        return GatewayProblems.write(
                exchange, GatewayProblems.problem(HttpStatus.UNAUTHORIZED, "invalid-signature", detail));
    }
}
