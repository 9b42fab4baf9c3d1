package io.stageflow.analytics.sequencing;

/**
 * One set of projection collections. Queries read the generation that serves; a rebuild writes a new one beside
 * it and then makes it the serving one, so readers never see a half-built projection.
 *
 * @param number 0 for the collections as named before rebuilds existed, so an existing store keeps serving
 */
public record Generation(long number) {

    public static final Generation INITIAL = new Generation(0);

    /** The name this generation gives a collection whose initial name is {@code base}. */
    public String collection(String base) {
        return number == 0 ? base : base + "_g" + number;
    }

    public Generation next() {
        return new Generation(number + 1);
    }
}
