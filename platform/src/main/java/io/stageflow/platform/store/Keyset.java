package io.stageflow.platform.store;

import org.springframework.data.mongodb.core.query.Criteria;

/** The "after the last item shown" condition of keyset-paged lists sorted by one field and then {@code _id}. */
public final class Keyset {

    private Keyset() {}

    /**
     * Items after ({@code descending}: before) the one whose sort value is {@code value} and id is {@code id}; for
     * a list sorted by {@code _id} alone, {@code value} is ignored.
     */
    public static Criteria after(String sortField, Object value, String id, boolean descending) {
        Criteria beyondId = descending
                ? Criteria.where("_id").lt(id)
                : Criteria.where("_id").gt(id);
        if (sortField.equals("_id")) {
            return beyondId;
        }
        Criteria beyond = descending
                ? Criteria.where(sortField).lt(value)
                : Criteria.where(sortField).gt(value);
        Criteria tie = new Criteria().andOperator(Criteria.where(sortField).is(value), beyondId);
        return new Criteria().orOperator(beyond, tie);
    }
}
