package io.stageflow.platform.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The resource does not exist for this caller's tenant; another tenant's resource looks the same. */
public class ResourceNotFoundException extends ErrorResponseException {

    public ResourceNotFoundException(String resource, String id) {
        super(HttpStatus.NOT_FOUND, problem(resource, id), null);
    }

    private static ProblemDetail problem(String resource, String id) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, resource + " " + id + " does not exist");
        problem.setType(URI.create(Problems.TYPE_BASE + "not-found"));
        problem.setTitle("Not found");
        return problem;
    }
}
