package io.stageflow.platform.web;

import java.util.List;

/** Reads an {@code If-Match} header carrying a resource version as its ETag ({@code "3"} or {@code W/"3"}). */
public final class IfMatch {

    private IfMatch() {}

    /** The version the client expects, or null when it sent no If-Match; 400 when it is not a version. */
    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String tag = header.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    List.of(new FieldError("If-Match", "must be the resource's ETag, such as \"3\"")));
        }
    }

    public static void check(Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw new PreconditionFailedException(expected, actual);
        }
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
