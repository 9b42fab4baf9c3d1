package io.stageflow.gateway.web;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway answers itself becomes a problem: an unknown route 404, an unreachable service 503,
 * a slow one 504, anything unexpected 500, always without internals.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        return GatewayProblems.write(exchange, problemFor(error));
    }

    private org.springframework.http.ProblemDetail problemFor(Throwable error) {
        if (error instanceof ResponseStatusException status) {
            HttpStatusCode code = status.getStatusCode();
            HttpStatus known = HttpStatus.resolve(code.value());
            if (known == HttpStatus.NOT_FOUND) {
                return GatewayProblems.problem(known, "not-found", "No API resource at this path");
            }
            if (known == HttpStatus.GATEWAY_TIMEOUT) {
                return GatewayProblems.problem(known, "timeout", "The service did not answer in time");
            }
            if (known != null && known.is4xxClientError()) {
                return GatewayProblems.problem(
                        known,
                        "invalid-request",
                        status.getReason() == null ? known.getReasonPhrase() : status.getReason());
            }
        }
        if (causedBy(error, ConnectException.class)) {
            return GatewayProblems.problem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "service-unavailable",
                    "The service is not reachable; try again shortly");
        }
        if (causedBy(error, TimeoutException.class)) {
            return GatewayProblems.problem(HttpStatus.GATEWAY_TIMEOUT, "timeout", "The service did not answer in time");
        }
        log.error("Unexpected error in the gateway", error);
        return GatewayProblems.problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "The request could not be completed; it has been logged.");
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
