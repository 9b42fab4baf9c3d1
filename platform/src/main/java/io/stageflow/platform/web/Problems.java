package io.stageflow.platform.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details as Stageflow writes them: a stable type URI and the fields at fault. */
public final class Problems {

    public static final String TYPE_BASE = "https://stageflow.io/problems/";

    private Problems() {}

    public static ProblemDetail invalidRequest(String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(URI.create(TYPE_BASE + "invalid-request"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }
}
