package io.stageflow.gateway.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a route's circuit breaker sends requests while its service is failing or unreachable: an immediate
 * 503 problem with {@code Retry-After}, instead of every caller waiting for a connection that will not come.
 */
@RestController
class ServiceUnavailableController {

    static final String RETRY_AFTER_SECONDS = "5";

    @RequestMapping("/unavailable/{service}")
    ResponseEntity<ProblemDetail> unavailable(@PathVariable String service) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .body(GatewayProblems.problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "service-unavailable",
                        "The " + service + " is not available right now; try again in a few seconds"));
    }
}
