package io.stageflow.tokens;

import java.util.List;

/**
 * Which roles may call which API paths: the role matrix of the gateway, in one table. The first rule whose
 * pattern matches decides. {@link #PEOPLE} admits any person (every role but a machine's {@code INTAKE});
 * services check finer rules themselves (a one-on-one only for its two participants, for example).
 */
public final class RouteRoles {

    public static final String SALES = "SALES";
    public static final String MANAGER = "MANAGER";
    public static final String HR = "HR";
    public static final String ADMIN = "ADMIN";
    public static final String INTAKE = "INTAKE";
    public static final List<String> PEOPLE = List.of(SALES, MANAGER, HR, ADMIN);

    public record Rule(List<String> patterns, List<String> roles) {}

    public static final List<Rule> RULES = List.of(
            new Rule(List.of("/api/v1/intake/**"), List.of(INTAKE, ADMIN)),
            new Rule(
                    List.of(
                            "/api/v1/leads",
                            "/api/v1/leads/**",
                            "/api/v1/pipelines",
                            "/api/v1/pipelines/**",
                            "/api/v1/deals",
                            "/api/v1/deals/**"),
                    List.of(SALES, MANAGER, ADMIN)),
            new Rule(List.of("/api/v1/analytics/enps", "/api/v1/analytics/pulse"), List.of(HR, ADMIN)),
            new Rule(List.of("/api/v1/analytics/rebuild", "/api/v1/analytics/rebuild/**"), List.of(ADMIN)),
            new Rule(List.of("/api/v1/analytics/**"), List.of(MANAGER, ADMIN)),
            new Rule(
                    List.of("/api/v1/employees", "/api/v1/employees/**", "/api/v1/surveys", "/api/v1/surveys/**"),
                    List.of(HR, ADMIN)),
            new Rule(List.of("/api/v1/one-on-ones", "/api/v1/one-on-ones/**"), PEOPLE),
            new Rule(List.of("/api/v1/api-keys", "/api/v1/api-keys/**"), List.of(ADMIN)));

    private RouteRoles() {}
}
