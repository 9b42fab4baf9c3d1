package io.stageflow.survey.surveys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Who a survey asks: everyone, or the employees in any of the chosen teams, departments or locations. */
public record Audience(Boolean all, List<String> team, List<String> department, List<String> location) {

    public Audience {
        all = Boolean.TRUE.equals(all); // left out means: only the named segments
        team = team == null ? List.of() : List.copyOf(team);
        department = department == null ? List.of() : List.copyOf(department);
        location = location == null ? List.of() : List.copyOf(location);
    }

    public boolean isEmpty() {
        return !all && team.isEmpty() && department.isEmpty() && location.isEmpty();
    }

    /** The chosen segments by the employee attribute they match. */
    public Map<String, List<String>> segments() {
        Map<String, List<String>> segments = new LinkedHashMap<>();
        segments.put("team", team);
        segments.put("department", department);
        segments.put("location", location);
        return segments;
    }
}
