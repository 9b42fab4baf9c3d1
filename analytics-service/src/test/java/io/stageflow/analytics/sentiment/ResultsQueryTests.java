package io.stageflow.analytics.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ResultsQueryTests {

    @Test
    void readsAPeriodBrokenDownByASegmentAttribute() {
        var query = ResultsQuery.parse("s-1", null, "2026-04-01", "2026-06-30", "department");

        assertThat(query)
                .isEqualTo(new ResultsQuery(
                        "s-1",
                        null,
                        LocalDate.parse("2026-04-01"),
                        LocalDate.parse("2026-06-30"),
                        SegmentDimension.DEPARTMENT));
        assertThat(query.includes(LocalDate.parse("2026-04-01"))).isTrue();
        assertThat(query.includes(LocalDate.parse("2026-06-30"))).isTrue();
        assertThat(query.includes(LocalDate.parse("2026-07-01"))).isFalse();
    }

    @Test
    void namesEveryParameterAtFaultAtOnce() {
        assertThatThrownBy(() -> ResultsQuery.parse(" ", null, "yesterday", null, "floor"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("surveyId", "from", "segment"));
    }

    @Test
    void refusesAPeriodThatEndsBeforeItStartsAndAPeriodForOneRun() {
        assertThatThrownBy(() -> ResultsQuery.parse("s-1", null, "2026-05-01", "2026-04-01", null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("to"));
        assertThatThrownBy(() -> ResultsQuery.parse("s-1", "r-1", "2026-04-01", null, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("runId"));
    }
}
