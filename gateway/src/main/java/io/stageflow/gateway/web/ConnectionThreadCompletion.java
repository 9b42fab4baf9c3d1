package io.stageflow.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * Finishes every exchange on its connection's event loop. When an answer completed on another thread (the health
 * endpoint's Mongo check completes on the driver's thread or on boundedElastic), the keep-alive connection
 * sometimes stopped reading: the client's next request sat unread until it gave up. Reproduced on one connection
 * with health, then a 404, then any request (7 in 1,000 rounds); the flaky gateway tests were this.
 */
@Component
class ConnectionThreadCompletion implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        // just inside the access log, so that everything after it already runs on the connection's thread
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (!(request instanceof Connection connection)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange)
                .publishOn(Schedulers.fromExecutor(connection.channel().eventLoop()));
    }
}
