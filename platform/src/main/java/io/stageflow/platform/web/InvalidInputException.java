package io.stageflow.platform.web;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Input that breaks a domain rule checked outside bean validation; answered 400 naming the fields. */
public class InvalidInputException extends ErrorResponseException {

    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(
                HttpStatus.BAD_REQUEST,
                Problems.invalidRequest(
                        "Invalid field(s): "
                                + errors.stream()
                                        .map(FieldError::field)
                                        .distinct()
                                        .collect(Collectors.joining(", ")),
                        errors),
                null);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
