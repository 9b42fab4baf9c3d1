package io.stageflow.gateway.limits;

import io.stageflow.gateway.apikeys.ApiKeyAuthentication;
import io.stageflow.gateway.web.GatewayProblems;
import io.stageflow.tokens.StageflowTokens;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Request limits, checked after authentication and before routing: the body size (413 when the declared
 * length is over the cap), and token buckets per person or API key and per tenant (429 with
 * {@code Retry-After}), so one noisy client cannot starve the others. Buckets live in this instance; with
 * several gateway instances each enforces its share.
 */
@Component
public class RequestLimitFilter implements WebFilter, Ordered {

    private static final int MAX_BUCKETS = 100_000;

    private final LimitProperties limits;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    RequestLimitFilter(LimitProperties limits) {
        this.limits = limits;
        this.nanoTime = System::nanoTime;
    }

    @Override
    public int getOrder() {
        // after Spring Security's filter chain (order -100), so the caller is known
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        DataSize cap = capFor(exchange.getRequest().getPath().value());
        if (declared > cap.toBytes()) {
            return GatewayProblems.write(
                    exchange,
                    GatewayProblems.problem(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "too-large",
                            "The request body is larger than " + cap.toKilobytes() + " KB"));
        }
        if (!limits.enabled()) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .map(principal -> waitNanos(principal))
                .defaultIfEmpty(0L)
                .flatMap(wait -> wait == 0 ? chain.filter(exchange) : tooMany(exchange, wait));
    }

    private long waitNanos(Object principal) {
        String tenant;
        String caller;
        LimitProperties.Bucket own;
        if (principal instanceof JwtAuthenticationToken jwt) {
            tenant = jwt.getToken().getClaimAsString(StageflowTokens.TENANT_CLAIM);
            caller = "user:" + tenant + ":" + jwt.getToken().getSubject();
            own = limits.perUser();
        } else if (principal instanceof ApiKeyAuthentication key) {
            tenant = key.key().tenantId();
            caller = "key:" + key.key().id();
            own = limits.perApiKey();
        } else {
            return 0;
        }
        long now = nanoTime.getAsLong();
        long ownWait = bucket(caller, own, now).take(now);
        if (ownWait > 0) {
            return ownWait;
        }
        long tenantWait =
                bucket("tenant:" + tenant, limits.quotaOf(tenant), now).take(now);
        if (tenantWait > 0) {
            bucket(caller, own, now).giveBack();
        }
        return tenantWait;
    }

    private TokenBucket bucket(String name, LimitProperties.Bucket limit, long now) {
        if (buckets.size() > MAX_BUCKETS) {
            buckets.values().removeIf(bucket -> bucket.fullAt(now)); // idle callers cost nothing to forget
        }
        return buckets.computeIfAbsent(name, n -> new TokenBucket(limit.perSecond(), limit.burst(), now));
    }

    private DataSize capFor(String path) {
        return limits.maxBodyByPath().entrySet().stream()
                .filter(entry -> path.startsWith(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(limits.maxBody());
    }

    private static Mono<Void> tooMany(ServerWebExchange exchange, long waitNanos) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        ProblemDetail problem = GatewayProblems.problem(
                HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests; try again in " + seconds + " s");
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds));
        // A refusal is answered at once, on the connection's own thread. Reactor Netty 1.3.6 then sometimes stopped
        // reading the keep-alive connection, and the client's next request went unanswered
        // (GatewayResilienceTests; reactor-netty issue 4361). Closing the connection after the refusal avoids that;
        // a client over its limit opens a new one when it tries again.
        exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
        return GatewayProblems.write(exchange, problem);
    }
}
