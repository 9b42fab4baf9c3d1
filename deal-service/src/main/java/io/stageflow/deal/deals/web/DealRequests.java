package io.stageflow.deal.deals.web;

import io.stageflow.deal.deals.ActivityDraft;
import io.stageflow.deal.deals.ActivityType;
import io.stageflow.deal.deals.DealDraft;
import io.stageflow.deal.deals.DealEdit;
import io.stageflow.events.Money;
import io.stageflow.platform.money.Amount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/** Request bodies of the deal API. */
final class DealRequests {

    private DealRequests() {}

    record CreateDeal(
            String title,
            @Size(max = 100) String pipelineId,
            @Size(max = 50) String stageKey,
            @Valid Amount amount,
            String ownerId,
            @Size(max = 100) String leadId,
            String company,
            LocalDate expectedCloseDate,
            Integer probability,
            Set<String> labels) {

        DealDraft toDraft() {
            return new DealDraft(
                    title, stageKey, money(amount), ownerId, leadId, company, expectedCloseDate, probability, labels);
        }
    }

    /** Absent fields stay as they are; {@code clearProbability: true} returns to the stage's probability. */
    record EditDeal(
            String title,
            @Valid Amount amount,
            String ownerId,
            String company,
            LocalDate expectedCloseDate,
            Integer probability,
            Boolean clearProbability,
            Set<String> labels) {

        DealEdit toEdit() {
            return new DealEdit(
                    title,
                    money(amount),
                    ownerId,
                    company,
                    expectedCloseDate,
                    probability,
                    Boolean.TRUE.equals(clearProbability),
                    labels);
        }
    }

    record MoveDeal(@NotBlank @Size(max = 50) String stageKey) {}

    record LoseDeal(@NotBlank @Size(max = 100) String reason) {}

    record ReopenDeal(@Size(max = 50) String stageKey) {}

    record NewActivity(ActivityType type, String subject, Instant dueAt) {

        ActivityDraft toDraft() {
            return new ActivityDraft(type, subject, dueAt);
        }
    }

    record MarkActivity(@NotNull Boolean done) {}

    private static Money money(Amount amount) {
        return amount == null ? null : amount.toMinorUnits("amount");
    }
}
