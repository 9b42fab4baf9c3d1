package io.stageflow.platform.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The resource existed but is no longer available, for example a survey run that has closed. */
public class GoneException extends ErrorResponseException {

    public GoneException(String kind, String detail) {
        super(HttpStatus.GONE, problem(kind, detail), null);
    }

    private static ProblemDetail problem(String kind, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, detail);
        problem.setType(URI.create(Problems.TYPE_BASE + kind));
        problem.setTitle("Gone");
        return problem;
    }
}
