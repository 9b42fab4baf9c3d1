package io.stageflow.platform.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** {@code If-Match} named a version the resource no longer has: someone changed it meanwhile. */
public class PreconditionFailedException extends ErrorResponseException {

    public PreconditionFailedException(long expected, long actual) {
        super(HttpStatus.PRECONDITION_FAILED, problem(expected, actual), null);
    }

    private static ProblemDetail problem(long expected, long actual) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.PRECONDITION_FAILED,
                "The resource is at version " + actual + ", not " + expected
                        + "; reload it and apply your change again");
        problem.setType(URI.create(Problems.TYPE_BASE + "stale-version"));
        problem.setTitle("Stale version");
        problem.setProperty("currentVersion", actual);
        return problem;
    }
}
