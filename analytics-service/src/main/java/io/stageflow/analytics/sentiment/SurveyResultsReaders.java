package io.stageflow.analytics.sentiment;

import io.stageflow.platform.security.Caller;

/** Who may read survey results: HR and admins (issue 5), not managers or sales, whose teams answered. */
final class SurveyResultsReaders {

    private SurveyResultsReaders() {}

    /** 403 as problem details for everyone else. */
    static void check(Caller caller) {
        caller.requireAnyRole("HR", "ADMIN");
    }
}
