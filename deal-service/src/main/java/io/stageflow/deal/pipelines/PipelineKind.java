package io.stageflow.deal.pipelines;

/** Sales pipelines hold opportunities; project pipelines hold pieces of work moving from start to done. */
public enum PipelineKind {
    SALES,
    PROJECT
}
