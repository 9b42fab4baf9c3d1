package io.stageflow.analytics.deals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DealQueryTests {

    private static final Instant NOW = Instant.parse("2026-03-22T09:00:00Z");

    @Test
    void answersAsOfNowUnlessAskedForAnotherInstant() {
        assertThat(DealQuery.parse("sales", null, NOW).asOf()).isEqualTo(NOW);
        assertThat(DealQuery.parse("sales", "2026-03-08T12:00:00Z", NOW).asOf())
                .isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
    }

    @Test
    void namesEveryParameterAtFaultAtOnce() {
        assertThatThrownBy(() -> DealQuery.parse(" ", "yesterday", "2026-13-01", "last week", NOW))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("pipelineId", "from", "to", "asOf"));
        assertThatThrownBy(() -> DealQuery.parse("sales", "2026-03-05", "2026-03-04", null, NOW))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors()).containsExactly(new FieldError("to", "must not be before from")));
    }

    @Test
    void includesBothDaysOfThePeriodInUtc() {
        var query = DealQuery.parse("sales", "2026-03-04", "2026-03-05", null, NOW);

        assertThat(query.from()).isEqualTo(LocalDate.parse("2026-03-04"));
        assertThat(query.createdInPeriod(Instant.parse("2026-03-04T00:00:00Z"))).isTrue();
        assertThat(query.createdInPeriod(Instant.parse("2026-03-05T23:59:59.999Z")))
                .isTrue();
        assertThat(query.createdInPeriod(Instant.parse("2026-03-03T23:59:59.999Z")))
                .isFalse();
        assertThat(query.createdInPeriod(Instant.parse("2026-03-06T00:00:00Z"))).isFalse();
        assertThat(DealQuery.parse("sales", null, NOW).createdInPeriod(Instant.EPOCH))
                .isTrue();
    }
}
