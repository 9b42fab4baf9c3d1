package io.stageflow.deal.pipelines;

import static io.stageflow.deal.pipelines.StageType.LOST;
import static io.stageflow.deal.pipelines.StageType.OPEN;
import static io.stageflow.deal.pipelines.StageType.WON;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The pipelines every tenant starts with. Their ids are derived from the tenant, so two instances creating them
 * at once for a new tenant create the same documents, and a {@code lead.converted} without a pipeline finds the
 * default sales pipeline without a lookup by name.
 */
public final class DefaultPipelines {

    public static final PipelineDefinition SALES = new PipelineDefinition(
            "Sales",
            PipelineKind.SALES,
            List.of(
                    new Stage("lead-generation", "Lead generation", 10, 14, OPEN),
                    new Stage("qualification", "Qualification", 20, 14, OPEN),
                    new Stage("nurturing", "Nurturing", 30, 30, OPEN),
                    new Stage("proposal", "Proposal", 50, 14, OPEN),
                    new Stage("negotiation", "Negotiation", 75, 14, OPEN),
                    new Stage("closing", "Closing", 90, 7, OPEN),
                    new Stage("won", "Won", 100, null, WON),
                    new Stage("lost", "Lost", 0, null, LOST)),
            List.of("price", "competitor", "no-budget", "no-decision", "timing", "product-fit", "other"));

    public static final PipelineDefinition PROJECT = new PipelineDefinition(
            "Projects",
            PipelineKind.PROJECT,
            List.of(
                    new Stage("initiation", "Initiation", 10, 30, OPEN),
                    new Stage("planning", "Planning", 25, 30, OPEN),
                    new Stage("execution", "Execution", 50, 30, OPEN),
                    new Stage("review", "Review", 80, 14, OPEN),
                    new Stage("done", "Done", 100, null, WON)),
            List.of());

    private DefaultPipelines() {}

    public static String salesPipelineId(String tenantId) {
        return idFor(tenantId, "sales");
    }

    public static String projectPipelineId(String tenantId) {
        return idFor(tenantId, "project");
    }

    private static String idFor(String tenantId, String kind) {
        return UUID.nameUUIDFromBytes(
                        ("stageflow-default-pipeline:" + tenantId + ":" + kind).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
