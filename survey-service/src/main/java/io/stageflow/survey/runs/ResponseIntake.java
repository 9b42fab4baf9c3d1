package io.stageflow.survey.runs;

import io.stageflow.platform.web.ConflictException;
import io.stageflow.platform.web.GoneException;
import io.stageflow.platform.web.ResourceNotFoundException;
import io.stageflow.survey.surveys.Question;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Accepts anonymous answers for a single-use token. The token is spent and the answers parked on it in one
 * conditional write (so a second submission, even a concurrent one, answers 409 and changes nothing); the
 * answers then become a response that holds no trace of the token or the person, and leave the invitation.
 */
@Service
public class ResponseIntake {

    private final MongoTemplate mongo;
    private final SurveyRuns runs;
    private final AnswerRelease release;
    private final Clock clock;

    ResponseIntake(MongoTemplate mongo, SurveyRuns runs, AnswerRelease release, Clock clock) {
        this.mongo = mongo;
        this.runs = runs;
        this.release = release;
        this.clock = clock;
    }

    /** What the person invited with {@code token} is asked. */
    public record Questionnaire(String title, String language, List<Question> questions, Instant closesAt) {}

    /** An answer as the client sends it: a number, text or true/false, as its question needs. */
    public record Answer(String questionId, Object value) {}

    public Questionnaire questionnaire(String token) {
        Invitation invitation = usableInvitation(token);
        SurveyRun run = openRun(invitation);
        return new Questionnaire(run.title(), run.language(), run.questions(), run.closesAt());
    }

    public void submit(String token, List<Answer> answers) {
        Invitation invitation = usableInvitation(token);
        SurveyRun run = openRun(invitation);
        List<StoredAnswer> checked =
                AnswerValidation.check(run.questions(), run.enpsQuestionId(), run.enpsScale(), answers);
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneId.of(run.timeZone()));
        var pending = new Invitation.PendingResponse(UUID.randomUUID().toString(), day, checked);
        var spent = mongo.updateFirst(
                Query.query(Criteria.where("_id")
                        .is(invitation.tokenHash())
                        .and("used")
                        .is(false)
                        .and("replaced")
                        .ne(true)),
                new Update().set("used", true).set("pending", pending),
                Invitation.class);
        if (spent.getMatchedCount() == 0) {
            throw alreadyAnswered();
        }
        Invitation parked = mongo.findById(invitation.tokenHash(), Invitation.class);
        if (parked != null && parked.pending() != null) {
            release.store(parked);
        }
    }

    private Invitation usableInvitation(String token) {
        if (!InvitationTokens.wellFormed(token)) {
            throw unknown();
        }
        Invitation invitation = mongo.findById(InvitationTokens.hash(token), Invitation.class);
        if (invitation == null) {
            throw unknown();
        }
        if (invitation.replaced()) {
            throw new GoneException(
                    "invitation-replaced", "This link was replaced by the one in your reminder; please use that one");
        }
        return invitation;
    }

    private SurveyRun openRun(Invitation invitation) {
        SurveyRun run = runs.findById(invitation.runId()).orElseThrow(ResponseIntake::unknown);
        if (!run.acceptsAnswersAt(clock.instant())) {
            throw new GoneException("survey-closed", "This survey has closed; answers are no longer accepted");
        }
        if (invitation.used()) {
            throw alreadyAnswered();
        }
        return run;
    }

    private static ResourceNotFoundException unknown() {
        return new ResourceNotFoundException("Invitation", "for this link");
    }

    private static ConflictException alreadyAnswered() {
        return new ConflictException("already-answered", "This invitation has already been used to answer", Map.of());
    }
}
