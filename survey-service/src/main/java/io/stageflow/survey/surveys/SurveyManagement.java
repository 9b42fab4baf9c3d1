package io.stageflow.survey.surveys;

import io.stageflow.platform.outbox.AggregateStore;
import io.stageflow.platform.store.IdPage;
import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.IfMatch;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.platform.web.ResourceNotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

/** Creating, reading and changing surveys; each change publishes the survey's definition. */
@Service
public class SurveyManagement {

    private final Surveys surveys;
    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final Clock clock;

    SurveyManagement(Surveys surveys, AggregateStore store, MongoTemplate mongo, Clock clock) {
        this.surveys = surveys;
        this.store = store;
        this.mongo = mongo;
        this.clock = clock;
    }

    public Survey create(String tenantId, SurveyDraft draft) {
        var definition = SurveyValidation.check(draft, clock);
        return store.save(Survey.create(tenantId, UUID.randomUUID().toString(), definition, clock.instant()));
    }

    public Survey get(String tenantId, String id) {
        return surveys.findById(id)
                .filter(survey -> survey.tenantId().equals(tenantId))
                .orElseThrow(() -> new ResourceNotFoundException("Survey", id));
    }

    public Survey edit(
            String tenantId, String id, Long expectedVersion, String title, Audience audience, Boolean active) {
        if (title != null && (title.isBlank() || title.length() > SurveyValidation.MAX_TITLE)) {
            throw new InvalidInputException(
                    List.of(new FieldError("title", "must be 1 to " + SurveyValidation.MAX_TITLE + " characters")));
        }
        if (audience != null && audience.isEmpty()) {
            throw new InvalidInputException(List.of(new FieldError(
                    "audience", "must be all employees or name at least one team, department or location")));
        }
        Survey survey = get(tenantId, id);
        IfMatch.check(expectedVersion, survey.version());
        survey.edit(title, audience, active, clock.instant());
        return store.save(survey);
    }

    public IdPage<Survey> list(String tenantId, String cursor, int limit) {
        return IdPage.find(mongo, Criteria.where("tenantId").is(tenantId), cursor, limit, Survey.class, Survey::id);
    }
}
