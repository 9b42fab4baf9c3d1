package io.stageflow.survey.runs;

import io.stageflow.events.survey.Segment;
import io.stageflow.platform.outbox.AggregateStore;
import io.stageflow.platform.web.ConflictException;
import io.stageflow.survey.SurveyProperties;
import io.stageflow.survey.employees.Employee;
import io.stageflow.survey.employees.EmployeeDirectory;
import io.stageflow.survey.notifications.Notification;
import io.stageflow.survey.notifications.Notifications;
import io.stageflow.survey.surveys.Survey;
import io.stageflow.survey.surveys.Surveys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Opens runs and sends their invitations, resumably: the run is written first (its id derives from the
 * survey and the run number, so nobody can write it twice), then each invitation is written, delivered and
 * marked delivered; a crash anywhere leaves the run {@code OPENING} and the next tick finishes it. Callers
 * hold the {@link SchedulerLock}.
 */
@Service
public class RunOpening {

    private final Surveys surveys;
    private final SurveyRuns runs;
    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final EmployeeDirectory directory;
    private final Notifications notifications;
    private final SurveyProperties properties;
    private final Clock clock;

    RunOpening(
            Surveys surveys,
            SurveyRuns runs,
            AggregateStore store,
            MongoTemplate mongo,
            EmployeeDirectory directory,
            Notifications notifications,
            SurveyProperties properties,
            Clock clock) {
        this.surveys = surveys;
        this.runs = runs;
        this.store = store;
        this.mongo = mongo;
        this.directory = directory;
        this.notifications = notifications;
        this.properties = properties;
        this.clock = clock;
    }

    /** The survey's scheduled occurrence {@code occurrence} is due: opens its run unless that happened already. */
    SurveyRun openScheduled(Survey survey, int occurrence) {
        Instant opensAt = survey.occurrenceAt(occurrence);
        Survey current = survey;
        while (true) {
            int number = current.nextRunNumber();
            SurveyRun run = SurveyRun.opening(current, number, occurrence, opensAt, properties.reminderBefore());
            try {
                store.save(run);
                advance(current.id(), number, occurrence);
                return complete(run);
            } catch (DuplicateKeyException taken) {
                SurveyRun existing = runs.findById(run.id()).orElseThrow();
                current = advance(current.id(), number, existing.occurrence());
                if (Objects.equals(existing.occurrence(), occurrence)) {
                    return complete(existing);
                }
            }
        }
    }

    /** Opens a run now, by hand; 409 while another run of the survey is still open. */
    public SurveyRun openNow(Survey survey) {
        boolean running = runs.findByTenantIdAndSurveyIdOrderByNumberDesc(survey.tenantId(), survey.id()).stream()
                .anyMatch(run -> run.status() != RunStatus.CLOSED);
        if (running) {
            throw new ConflictException(
                    "run-open", "A run of this survey is still open; it must close first", Map.of());
        }
        int number = survey.nextRunNumber();
        SurveyRun run = SurveyRun.opening(survey, number, null, clock.instant(), properties.reminderBefore());
        try {
            store.save(run);
        } catch (DuplicateKeyException taken) {
            throw new ConflictException("run-open", "Run " + number + " of this survey was opened meanwhile", Map.of());
        }
        advance(survey.id(), number, null);
        return complete(run);
    }

    /** Writes and delivers the invitations a run still lacks, then lets it accept answers. */
    SurveyRun complete(SurveyRun run) {
        if (run.status() != RunStatus.OPENING) {
            return run;
        }
        Survey survey = surveys.findById(run.surveyId()).orElseThrow();
        // an undelivered invitation's token was lost with the crash that interrupted delivery: issue a new one
        mongo.remove(
                Query.query(
                        Criteria.where("runId").is(run.id()).and("delivered").is(false)),
                Invitation.class);
        Set<String> invited = new HashSet<>(mongo.findDistinct(
                Query.query(Criteria.where("runId").is(run.id())), "employeeId", Invitation.class, String.class));
        List<Employee> audience = directory.audience(
                run.tenantId(), survey.audience().all(), survey.audience().segments());
        for (Employee employee : audience) {
            if (!invited.contains(employee.id())) {
                invite(run, employee, Notification.Kind.INVITATION);
            }
        }
        List<Segment> segments =
                mongo.find(Query.query(Criteria.where("runId").is(run.id())), Invitation.class).stream()
                        .map(Invitation::segment)
                        .toList();
        run.opened(segments);
        return store.save(run);
    }

    /** Issues a fresh single-use token for {@code employee}, delivers the link and marks it delivered. */
    String invite(SurveyRun run, Employee employee, Notification.Kind kind) {
        String token = InvitationTokens.newToken();
        String hash = InvitationTokens.hash(token);
        mongo.insert(Invitation.issue(run, employee.id(), employee.segment(), hash, clock.instant()));
        notifications.send(message(run, employee, token, kind));
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(hash)), new Update().set("delivered", true), Invitation.class);
        return hash;
    }

    private Notification message(SurveyRun run, Employee employee, String token, Notification.Kind kind) {
        boolean german = "de".equals(run.language());
        String closes = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(german ? Locale.GERMANY : Locale.UK)
                .format(run.closesAt().atZone(ZoneId.of(run.timeZone())));
        String subject;
        String body;
        if (german) {
            subject = (kind == Notification.Kind.REMINDER ? "Erinnerung: " : "Umfrage: ") + run.title();
            body = "Hallo " + employee.name() + ",\n\nbitte nehmen Sie an der Umfrage „" + run.title()
                    + "“ teil. Ihre Antworten sind anonym: Sie werden ohne Ihren Namen gespeichert und nur für Gruppen"
                    + " von mindestens fünf Personen ausgewertet. Die Umfrage läuft bis " + closes + ".";
        } else {
            subject = (kind == Notification.Kind.REMINDER ? "Reminder: " : "Survey: ") + run.title();
            body = "Hello " + employee.name() + ",\n\nplease take part in \"" + run.title()
                    + "\". Your answers are anonymous: they are stored without your name and only shown for groups"
                    + " of at least five people. The survey is open until " + closes + ".";
        }
        if (kind == Notification.Kind.REMINDER) {
            body += german
                    ? "\n\nDieser Link ersetzt den aus Ihrer Einladung."
                    : "\n\nThis link replaces the one in your invitation.";
        }
        return new Notification(
                kind, run.tenantId(), employee.email(), subject, body, properties.responseUrl() + token);
    }

    private Survey advance(String surveyId, int number, Integer occurrence) {
        for (int attempt = 1; ; attempt++) {
            Survey survey = surveys.findById(surveyId).orElseThrow();
            survey.runOpened(number, occurrence, clock.instant());
            try {
                return store.save(survey);
            } catch (OptimisticLockingFailureException changed) {
                if (attempt == 3) {
                    throw changed;
                }
            }
        }
    }
}
