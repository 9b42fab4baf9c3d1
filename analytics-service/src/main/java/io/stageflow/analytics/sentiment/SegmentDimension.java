package io.stageflow.analytics.sentiment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The segment attribute a result is broken down by ({@code segment=team|department|location}). */
enum SegmentDimension {
    TEAM,
    DEPARTMENT,
    LOCATION;

    static final String CHOICES =
            Arrays.stream(values()).map(SegmentDimension::parameter).collect(Collectors.joining(", "));

    static Optional<SegmentDimension> parse(String parameter) {
        return Arrays.stream(values())
                .filter(d -> d.parameter().equals(parameter))
                .findFirst();
    }

    String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    String valueOf(SurveyResponse response) {
        return switch (this) {
            case TEAM -> response.team();
            case DEPARTMENT -> response.department();
            case LOCATION -> response.location();
        };
    }

    String valueOf(SurveyRun.InvitedSegment invited) {
        return switch (this) {
            case TEAM -> invited.team();
            case DEPARTMENT -> invited.department();
            case LOCATION -> invited.location();
        };
    }
}
