package io.stageflow.lead.intake.web;

import io.stageflow.events.intake.LeadCaptured;
import io.stageflow.lead.intake.IntakeMapping;
import io.stageflow.lead.intake.IntakeOutcome;
import io.stageflow.lead.intake.LeadIntake;
import io.stageflow.lead.leads.LeadDraft;
import io.stageflow.platform.security.Caller;
import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.platform.web.JsonFieldPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/intake/leads}: the HTTP door for marketing automation, one {@code lead.captured}
 * object or an array of up to 1,000. Each item is answered on its own (created, merged, unchanged or
 * rejected with the fields at fault); a bad item never spoils the rest. Sending the same item again
 * changes nothing.
 */
@RestController
class IntakeController {

    static final int MAX_BATCH = 1_000;

    private final LeadIntake intake;
    private final JsonMapper json;
    private final Clock clock;

    IntakeController(LeadIntake intake, JsonMapper json, Clock clock) {
        this.intake = intake;
        this.json = json;
        this.clock = clock;
    }

    record ItemResult(int index, IntakeOutcome.Result outcome, String leadId, List<FieldError> errors) {}

    record IntakeResponse(Map<IntakeOutcome.Result, Long> totals, List<ItemResult> results) {}

    @PostMapping("/api/v1/intake/leads")
    IntakeResponse capture(Caller caller, @RequestBody JsonNode body) {
        List<JsonNode> items = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(items::add);
        } else if (body.isObject()) {
            items.add(body);
        } else {
            throw new InvalidInputException(List.of(new FieldError("$", "must be a lead object or an array of them")));
        }
        if (items.isEmpty() || items.size() > MAX_BATCH) {
            throw new InvalidInputException(List.of(new FieldError("$", "must hold 1 to " + MAX_BATCH + " leads")));
        }
        Instant receivedAt = clock.instant();
        ItemResult[] results = new ItemResult[items.size()];
        List<LeadDraft> drafts = new ArrayList<>();
        List<Integer> draftIndexes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            switch (read(items.get(i), receivedAt)) {
                case IntakeMapping.Mapped.Draft mapped -> {
                    drafts.add(mapped.draft());
                    draftIndexes.add(i);
                }
                case IntakeMapping.Mapped.Invalid invalid ->
                    results[i] = new ItemResult(i, IntakeOutcome.Result.REJECTED, null, invalid.errors());
            }
        }
        List<IntakeOutcome> outcomes = intake.capture(caller.tenantId(), drafts);
        for (int d = 0; d < outcomes.size(); d++) {
            int index = draftIndexes.get(d);
            var outcome = outcomes.get(d);
            results[index] = new ItemResult(index, outcome.result(), outcome.leadId(), outcome.errors());
        }
        var all = List.of(results);
        var totals = new java.util.EnumMap<IntakeOutcome.Result, Long>(IntakeOutcome.Result.class);
        for (var result : IntakeOutcome.Result.values()) {
            totals.put(result, all.stream().filter(r -> r.outcome() == result).count());
        }
        return new IntakeResponse(totals, all);
    }

    private IntakeMapping.Mapped read(JsonNode item, Instant receivedAt) {
        LeadCaptured captured;
        try {
            captured = json.treeToValue(item, LeadCaptured.class);
        } catch (JacksonException e) {
            String field = JsonFieldPath.of(e);
            return new IntakeMapping.Mapped.Invalid(List.of(new FieldError(field, "is unknown or has the wrong type")));
        }
        // the same item sent twice is the same report: its digest makes the second delivery a no-op
        return IntakeMapping.toDraft(captured, "report:" + digest(item.toString()), receivedAt);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
