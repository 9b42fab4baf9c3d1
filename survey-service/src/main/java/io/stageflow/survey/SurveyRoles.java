package io.stageflow.survey;

import io.stageflow.platform.security.Caller;

/** Who may administer people and surveys: HR and admins. Everyone else sees only their own one-on-ones. */
public final class SurveyRoles {

    public static final String HR = "HR";
    public static final String ADMIN = "ADMIN";

    private SurveyRoles() {}

    public static void requireHr(Caller caller) {
        caller.requireAnyRole(HR, ADMIN);
    }

    public static boolean isHr(Caller caller) {
        return caller.hasRole(HR) || caller.hasRole(ADMIN);
    }
}
