package io.stageflow.deal.deals;

import io.stageflow.platform.money.Amount;
import io.stageflow.platform.store.Keyset;
import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.platform.web.PageCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Keyset-paged deal lists; every filter has an index that starts with the tenant (see {@link Deal}). */
class DealSearchRepositoryImpl implements DealSearchRepository {

    /** Sort names people use → stored fields. All are set on every deal, so keyset paging never meets a null. */
    private static final Map<String, String> SORTABLE =
            Map.of("createdAt", "_id", "updatedAt", "updatedAt", "stageEnteredAt", "stageEnteredAt");

    private final MongoTemplate mongo;

    DealSearchRepositoryImpl(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Page search(String tenantId, DealSearch search, Instant now) {
        boolean descending = search.sort() != null && search.sort().startsWith("-");
        String sortName = search.sort() == null ? "createdAt" : search.sort().replaceFirst("^-", "");
        String sortField = SORTABLE.get(sortName);
        if (sortField == null) {
            throw new InvalidInputException(List.of(new FieldError(
                    "sort", "must be createdAt, updatedAt or stageEnteredAt, optionally with a leading -")));
        }
        List<Criteria> filters = filters(tenantId, search, now);
        if (search.cursor() != null) {
            filters.add(after(PageCursor.decode(search.cursor()), sortField, descending));
        }
        Sort.Direction direction = descending ? Sort.Direction.DESC : Sort.Direction.ASC;
        Sort order = sortField.equals("_id")
                ? Sort.by(direction, "_id")
                : Sort.by(direction, sortField).and(Sort.by(direction, "_id"));
        Query query = new Query(new Criteria().andOperator(filters)).with(order).limit(search.limit() + 1);
        List<Deal> found = mongo.find(query, Deal.class);
        boolean more = found.size() > search.limit();
        List<Deal> page = more ? found.subList(0, search.limit()) : found;
        return new Page(List.copyOf(page), more ? cursorAfter(page.getLast(), sortField) : null);
    }

    private static List<Criteria> filters(String tenantId, DealSearch search, Instant now) {
        List<Criteria> filters = new ArrayList<>();
        filters.add(Criteria.where("tenantId").is(tenantId));
        if (search.pipelineId() != null) {
            filters.add(Criteria.where("pipelineId").is(search.pipelineId()));
        }
        if (search.stageKey() != null) {
            filters.add(Criteria.where("stageKey").is(search.stageKey()));
        }
        if (search.ownerId() != null) {
            filters.add(Criteria.where("ownerId").is(search.ownerId()));
        }
        if (search.status() != null) {
            filters.add(Criteria.where("status").is(search.status()));
        }
        if (search.label() != null) {
            filters.add(Criteria.where("labels").is(search.label()));
        }
        if (search.closeFrom() != null) {
            filters.add(Criteria.where("expectedCloseDate").gte(search.closeFrom()));
        }
        if (search.closeTo() != null) {
            filters.add(Criteria.where("expectedCloseDate").lte(search.closeTo()));
        }
        if (search.minAmount() != null || search.maxAmount() != null) {
            if (search.currency() == null) {
                throw new InvalidInputException(
                        List.of(new FieldError("currency", "is required with minAmount or maxAmount")));
            }
            filters.add(Criteria.where("amount.currency").is(search.currency().getCurrencyCode()));
            if (search.minAmount() != null) {
                filters.add(Criteria.where("amount.minorUnits")
                        .gte(new Amount(search.minAmount(), search.currency())
                                .toMinorUnits("minAmount")
                                .minorUnits()));
            }
            if (search.maxAmount() != null) {
                filters.add(Criteria.where("amount.minorUnits")
                        .lte(new Amount(search.maxAmount(), search.currency())
                                .toMinorUnits("maxAmount")
                                .minorUnits()));
            }
        } else if (search.currency() != null) {
            filters.add(Criteria.where("amount.currency").is(search.currency().getCurrencyCode()));
        }
        if (search.stale() != null) {
            Criteria staleNow = new Criteria()
                    .andOperator(
                            Criteria.where("status").is(DealStatus.OPEN),
                            new Criteria()
                                    .orOperator(
                                            Criteria.where("rotsAt").lte(now),
                                            Criteria.where("openActivities").is(0)));
            filters.add(search.stale() ? staleNow : new Criteria().norOperator(staleNow));
        }
        if (Boolean.TRUE.equals(search.overdue())) {
            filters.add(Criteria.where("status").is(DealStatus.OPEN));
            filters.add(Criteria.where("nextActivityDueAt").lt(now));
        }
        return filters;
    }

    private static Criteria after(PageCursor cursor, String sortField, boolean descending) {
        Object value = null;
        if (!sortField.equals("_id")) {
            try {
                value = Instant.parse(cursor.sortValue());
            } catch (RuntimeException e) {
                throw PageCursor.invalid();
            }
        }
        return Keyset.after(sortField, value, cursor.id(), descending);
    }

    private static String cursorAfter(Deal last, String sortField) {
        String value = switch (sortField) {
            case "updatedAt" -> last.updatedAt().toString();
            case "stageEnteredAt" -> last.stageEnteredAt().toString();
            default -> "";
        };
        return new PageCursor(value, last.id()).encode();
    }
}
