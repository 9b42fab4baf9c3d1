package io.stageflow.platform.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The request is well-formed but contradicts the resource's current state. */
public class ConflictException extends ErrorResponseException {

    public ConflictException(String kind, String detail, Map<String, Object> properties) {
        super(HttpStatus.CONFLICT, problem(kind, detail, properties), null);
    }

    private static ProblemDetail problem(String kind, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setType(URI.create(Problems.TYPE_BASE + kind));
        problem.setTitle("Conflict");
        properties.forEach(problem::setProperty);
        return problem;
    }
}
