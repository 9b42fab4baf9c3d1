package io.stageflow.platform.web;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Well-formed input that names something the resource does not have (a stage the deal's pipeline lacks, a lost
 * reason not in its list): 422, naming the fields; nothing changes.
 */
public class UnprocessableInputException extends ErrorResponseException {

    public UnprocessableInputException(List<FieldError> errors) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(errors), null);
    }

    public UnprocessableInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    private static ProblemDetail problem(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "Unprocessable field(s): "
                        + errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", ")));
        problem.setType(URI.create(Problems.TYPE_BASE + "unprocessable-request"));
        problem.setTitle("Unprocessable request");
        problem.setProperty("errors", errors);
        return problem;
    }
}
