package io.stageflow.platform.web;

import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;

/** The JSON path of the field a Jackson error is about, as clients name it: {@code consent.at}, {@code tags[2]}. */
public final class JsonFieldPath {

    private JsonFieldPath() {}

    public static String of(JacksonException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? "$" : path;
    }
}
