package io.stageflow.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The opaque {@code cursor} of keyset-paged lists: the sort value and id of the last item shown, so a page
 * costs the same however deep it is, and items created meanwhile neither repeat nor vanish.
 */
public record PageCursor(String sortValue, String id) {

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((sortValue + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** 400 naming {@code cursor} when the text is not a cursor a list returned. */
    public static PageCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.lastIndexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new PageCursor(raw.substring(0, bar), raw.substring(bar + 1));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    public static InvalidInputException invalid() {
        return new InvalidInputException(List.of(new FieldError("cursor", "is not a cursor this list returned")));
    }
}
