package io.stageflow.lead.leads;

import io.stageflow.platform.store.Keyset;
import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.platform.web.PageCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Keyset paging: the cursor carries the sort value and id of the last lead shown, so a page costs the
 * same however deep it is and leads created meanwhile neither repeat nor vanish.
 */
class LeadSearchRepositoryImpl implements LeadSearchRepository {

    private static final Map<String, String> SORTABLE =
            Map.of("createdAt", "_id", "updatedAt", "updatedAt", "score", "score");

    private final MongoTemplate mongo;

    LeadSearchRepositoryImpl(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Page search(String tenantId, LeadSearch search) {
        boolean descending = search.sort() != null && search.sort().startsWith("-");
        String sortName = search.sort() == null ? "createdAt" : search.sort().replaceFirst("^-", "");
        String sortField = SORTABLE.get(sortName);
        if (sortField == null) {
            throw new InvalidInputException(List.of(
                    new FieldError("sort", "must be createdAt, updatedAt or score, optionally with a leading -")));
        }
        List<Criteria> filters = new ArrayList<>();
        filters.add(Criteria.where("tenantId").is(tenantId));
        if (search.status() != null) {
            filters.add(Criteria.where("status").is(search.status()));
        }
        if (search.source() != null) {
            filters.add(Criteria.where("source").is(search.source()));
        }
        if (search.campaign() != null) {
            filters.add(Criteria.where("attribution.campaign").is(search.campaign()));
        }
        if (search.ownerId() != null) {
            filters.add(Criteria.where("ownerId").is(search.ownerId()));
        }
        if (search.minScore() != null) {
            filters.add(Criteria.where("score").gte(search.minScore()));
        }
        if (search.maxScore() != null) {
            filters.add(Criteria.where("score").lte(search.maxScore()));
        }
        if (search.createdFrom() != null) {
            filters.add(Criteria.where("createdAt").gte(search.createdFrom()));
        }
        if (search.createdTo() != null) {
            filters.add(Criteria.where("createdAt").lt(search.createdTo()));
        }
        if (search.text() != null && !search.text().isBlank()) {
            Pattern text = Pattern.compile(Pattern.quote(search.text().strip()), Pattern.CASE_INSENSITIVE);
            filters.add(new Criteria()
                    .orOperator(
                            Criteria.where("email").regex(text),
                            Criteria.where("profile.firstName").regex(text),
                            Criteria.where("profile.lastName").regex(text),
                            Criteria.where("profile.company").regex(text)));
        }
        if (search.cursor() != null) {
            Cursor cursor = decode(search.cursor(), sortField);
            filters.add(Keyset.after(sortField, cursor.value(), cursor.id(), descending));
        }
        Sort.Direction direction = descending ? Sort.Direction.DESC : Sort.Direction.ASC;
        Sort order = sortField.equals("_id")
                ? Sort.by(direction, "_id")
                : Sort.by(direction, sortField).and(Sort.by(direction, "_id"));
        Query query = new Query(new Criteria().andOperator(filters)).with(order).limit(search.limit() + 1);
        List<Lead> found = mongo.find(query, Lead.class);
        boolean more = found.size() > search.limit();
        List<Lead> page = more ? found.subList(0, search.limit()) : found;
        return new Page(List.copyOf(page), more ? encode(page.getLast(), sortField) : null);
    }

    private record Cursor(Object value, String id) {}

    private static String encode(Lead last, String sortField) {
        String value = switch (sortField) {
            case "score" -> Integer.toString(last.score());
            case "updatedAt" -> last.updatedAt().toString();
            default -> "";
        };
        return new PageCursor(value, last.id()).encode();
    }

    private static Cursor decode(String cursor, String sortField) {
        PageCursor decoded = PageCursor.decode(cursor);
        try {
            Object typed = switch (sortField) {
                case "score" -> Integer.parseInt(decoded.sortValue());
                case "updatedAt" -> Instant.parse(decoded.sortValue());
                default -> decoded.sortValue();
            };
            return new Cursor(typed, decoded.id());
        } catch (RuntimeException e) {
            throw PageCursor.invalid();
        }
    }
}
