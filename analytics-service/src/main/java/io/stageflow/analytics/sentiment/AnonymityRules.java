package io.stageflow.analytics.sentiment;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which survey numbers may be shown without pointing at a person (issue 5). A group's numbers are shown only
 * when at least {@code minimumResponses} people answered in it. In a breakdown whose total is shown, hiding a
 * single segment protects nobody (total minus the others gives it back), so the smallest shown segment is hidden
 * with it. A breakdown whose total is hidden hides every segment.
 */
public final class AnonymityRules {

    /** The least group size the product allows; configuration may raise it, never lower it. */
    public static final int LEAST_MINIMUM = 5;

    private final int minimumResponses;

    public AnonymityRules(int minimumResponses) {
        if (minimumResponses < LEAST_MINIMUM) {
            throw new IllegalArgumentException(
                    "at least " + LEAST_MINIMUM + " responses must form a group, not " + minimumResponses);
        }
        this.minimumResponses = minimumResponses;
    }

    public int minimumResponses() {
        return minimumResponses;
    }

    /** Whether a group of that many responses may be shown on its own. */
    public boolean shows(long responses) {
        return responses >= minimumResponses;
    }

    /** The segments of a breakdown to hide; the map's order breaks ties between equally small segments. */
    public <K> Set<K> hiddenSegments(long totalResponses, Map<K, Long> responsesPerSegment) {
        return hiddenSegments(totalResponses, responsesPerSegment, Set.of());
    }

    /**
     * The same, where {@code hiddenElsewhere} are segments hidden whatever their count here: a sum over several
     * runs must not show a segment that one of those runs hides, or subtracting the other runs would reveal it.
     */
    public <K> Set<K> hiddenSegments(long totalResponses, Map<K, Long> responsesPerSegment, Set<K> hiddenElsewhere) {
        if (!shows(totalResponses)) {
            return new LinkedHashSet<>(responsesPerSegment.keySet());
        }
        Set<K> hidden = new LinkedHashSet<>();
        responsesPerSegment.forEach((segment, responses) -> {
            if (!shows(responses) || hiddenElsewhere.contains(segment)) {
                hidden.add(segment);
            }
        });
        if (hidden.size() == 1) {
            K smallestShown = null;
            for (var segment : responsesPerSegment.entrySet()) {
                if (!hidden.contains(segment.getKey())
                        && (smallestShown == null || segment.getValue() < responsesPerSegment.get(smallestShown))) {
                    smallestShown = segment.getKey();
                }
            }
            if (smallestShown != null) {
                hidden.add(smallestShown);
            }
        }
        return hidden;
    }
}
