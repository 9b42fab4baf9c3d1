package io.stageflow.survey.surveys.web;

import io.stageflow.platform.security.Caller;
import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.IfMatch;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.survey.SurveyRoles;
import io.stageflow.survey.runs.RunOpening;
import io.stageflow.survey.runs.RunScheduler;
import io.stageflow.survey.runs.SurveyRun;
import io.stageflow.survey.runs.SurveyRunView;
import io.stageflow.survey.surveys.Audience;
import io.stageflow.survey.surveys.Cadence;
import io.stageflow.survey.surveys.EnpsScale;
import io.stageflow.survey.surveys.Question;
import io.stageflow.survey.surveys.QuestionBank;
import io.stageflow.survey.surveys.Survey;
import io.stageflow.survey.surveys.SurveyDraft;
import io.stageflow.survey.surveys.SurveyKind;
import io.stageflow.survey.surveys.SurveyManagement;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Surveys and their runs, for HR and admins. */
@RestController
@RequestMapping("/api/v1/surveys")
class SurveyController {

    private final SurveyManagement surveys;
    private final RunOpening opening;
    private final RunScheduler scheduler;
    private final SurveyRunView runs;

    SurveyController(SurveyManagement surveys, RunOpening opening, RunScheduler scheduler, SurveyRunView runs) {
        this.surveys = surveys;
        this.opening = opening;
        this.scheduler = scheduler;
        this.runs = runs;
    }

    record SurveyBody(
            String id,
            String title,
            SurveyKind kind,
            List<Question> questions,
            EnpsScale enpsScale,
            String language,
            Cadence cadence,
            String timeZone,
            LocalDate startsOn,
            LocalTime sendTime,
            int windowDays,
            Audience audience,
            boolean active,
            Instant nextRunAt,
            Instant createdAt,
            long version) {

        static SurveyBody of(Survey s) {
            return new SurveyBody(
                    s.id(),
                    s.title(),
                    s.kind(),
                    s.questions(),
                    s.enpsScale(),
                    s.language(),
                    s.cadence(),
                    s.timeZone(),
                    s.startsOn(),
                    s.sendTime(),
                    s.windowDays(),
                    s.audience(),
                    s.active(),
                    s.nextRunAt(),
                    s.createdAt(),
                    s.version() == null ? 0 : s.version());
        }
    }

    record SurveyPage(List<SurveyBody> items, String nextCursor) {}

    record EditSurvey(String title, Audience audience, Boolean active) {}

    record BankEntry(String key, String type, String text, List<String> options) {}

    @PostMapping
    ResponseEntity<SurveyBody> create(Caller caller, @RequestBody SurveyDraft draft) {
        SurveyRoles.requireHr(caller);
        Survey survey = surveys.create(caller.tenantId(), draft);
        return ResponseEntity.created(URI.create("/api/v1/surveys/" + survey.id()))
                .eTag(IfMatch.etag(survey.version()))
                .body(SurveyBody.of(survey));
    }

    @GetMapping
    SurveyPage list(
            Caller caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        SurveyRoles.requireHr(caller);
        var page = surveys.list(caller.tenantId(), cursor, limit);
        return new SurveyPage(page.items().stream().map(SurveyBody::of).toList(), page.nextCursor());
    }

    /** The built-in pulse questions, worded in {@code language} (en or de). */
    @GetMapping("/question-bank")
    List<BankEntry> questionBank(Caller caller, @RequestParam(defaultValue = "en") String language) {
        SurveyRoles.requireHr(caller);
        String chosen = QuestionBank.language(language);
        if (!QuestionBank.LANGUAGES.contains(chosen)) {
            throw new InvalidInputException(
                    List.of(new FieldError("language", "must be one of " + QuestionBank.LANGUAGES)));
        }
        return QuestionBank.pulseQuestions().stream()
                .map(q -> new BankEntry(
                        q.key(),
                        q.type().name(),
                        q.text().get(chosen),
                        q.options().getOrDefault(chosen, List.of())))
                .toList();
    }

    @GetMapping("/{id}")
    ResponseEntity<SurveyBody> get(Caller caller, @PathVariable String id) {
        SurveyRoles.requireHr(caller);
        Survey survey = surveys.get(caller.tenantId(), id);
        return ResponseEntity.ok().eTag(IfMatch.etag(survey.version())).body(SurveyBody.of(survey));
    }

    /** Renames, re-targets ({@code audience}), pauses or resumes ({@code active}) a survey. */
    @PatchMapping("/{id}")
    ResponseEntity<SurveyBody> edit(
            Caller caller,
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody EditSurvey edit) {
        SurveyRoles.requireHr(caller);
        Survey survey = surveys.edit(
                caller.tenantId(), id, IfMatch.expectedVersion(ifMatch), edit.title(), edit.audience(), edit.active());
        return ResponseEntity.ok().eTag(IfMatch.etag(survey.version())).body(SurveyBody.of(survey));
    }

    /** Opens a run now, outside the schedule, and sends its invitations. */
    @PostMapping("/{id}/runs")
    ResponseEntity<SurveyRunView.RunBody> openRun(Caller caller, @PathVariable String id) {
        SurveyRoles.requireHr(caller);
        Survey survey = surveys.get(caller.tenantId(), id);
        SurveyRun run = scheduler.exclusively(() -> opening.openNow(survey));
        return ResponseEntity.created(URI.create("/api/v1/surveys/" + id + "/runs/" + run.id()))
                .body(runs.body(run));
    }

    /**
     * Free-text comments of a run, for the whole run or one segment ({@code team}, {@code department} or
     * {@code location}); withheld below 10 responses.
     */
    @GetMapping("/{id}/runs/{runId}/comments")
    SurveyRunView.Comments comments(
            Caller caller,
            @PathVariable String id,
            @PathVariable String runId,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String department,
            @RequestParam(required = false) String location) {
        SurveyRoles.requireHr(caller);
        Survey survey = surveys.get(caller.tenantId(), id);
        long filters = java.util.stream.Stream.of(team, department, location)
                .filter(java.util.Objects::nonNull)
                .count();
        if (filters > 1) {
            throw new InvalidInputException(
                    List.of(new FieldError("team", "name one segment: team, department or location")));
        }
        String attribute =
                team != null ? "team" : department != null ? "department" : location != null ? "location" : null;
        String value = team != null ? team : department != null ? department : location;
        return runs.comments(survey, runId, attribute, value);
    }

    @GetMapping("/{id}/runs")
    List<SurveyRunView.RunBody> listRuns(Caller caller, @PathVariable String id) {
        SurveyRoles.requireHr(caller);
        Survey survey = surveys.get(caller.tenantId(), id);
        return runs.ofSurvey(survey);
    }
}
