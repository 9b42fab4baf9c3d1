package io.stageflow.gateway.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One line per request: method, path, status, duration and the trace id the request carries on into the
 * services, their outbox and Kafka, so an operator can follow a request from here into any consumer's log.
 * The query string is left out: searches may carry names or email addresses.
 */
@Component
@ConditionalOnBooleanProperty(name = "stageflow.gateway.access-log", matchIfMissing = true)
class AccessLogFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("io.stageflow.gateway.access");

    @Override
    public int getOrder() {
        // outermost, so refusals by the limit and security filters are logged with their status too
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            var status = exchange.getResponse().getStatusCode();
            log.info(
                    "{} {} {} {} ms trace={}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    status == null ? "-" : status.value(),
                    (System.nanoTime() - started) / 1_000_000,
                    traceId(exchange));
        });
    }

    /** The trace id of the request's server observation (sampled or not: the id travels on either way). */
    private static String traceId(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(Span::context)
                .map(TraceContext::traceId)
                .orElse("-");
    }
}
