package io.stageflow.analytics.tallying;

import io.stageflow.analytics.sequencing.Generation;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * What one kind of tally counts (ADR 0014): the projection documents it is the sum of (its members), which tally each
 * member counts into, and a member's share. The projection marks every member it writes {@code untallied}; the
 * {@link Tallier} does the rest the same way for every subject.
 *
 * @param <D> the member document, as the projection stores it
 * @param <C> what a member's share is reckoned with besides the member (a pipeline's definition), or {@link Void}
 */
public interface TallySubject<D, C> {

    /** Names the subject's collections ({@code <name>_tallies}, {@code <name>_tally_shares}), lease and metrics. */
    String name();

    Class<D> memberType();

    String memberId(D member);

    /** The projection's sequence of the member: its unmark is guarded by it, so a member folded meanwhile stays marked. */
    long sequence(D member);

    /**
     * The latest instant of any event the member's share depends on, its own and those {@code scope} brought (a
     * deal's outcome): its tally answers exactly for instants at or after it.
     */
    Instant latestAt(D member, TallyScope<C> scope);

    String tallyId(D member);

    /**
     * The scopes of the tallies these members count into, by tally id. A member whose tally cannot be kept yet (its
     * pipeline is not defined) has none: it is counted once the tally starts, which marks every member again.
     */
    Map<String, TallyScope<C>> scopesOf(Generation generation, Collection<D> members);

    /** Tallies that are due though no member changed, such as a new version of a pipeline; checked now and then. */
    default List<TallyScope<C>> dueScopes(Generation generation) {
        return List.of();
    }

    /** The member's share of its tally when the tally is kept for {@code version}: its counters "now". */
    Counters share(D member, TallyScope<C> scope, long version);

    /** Whether others ask for members to be counted again ({@link TallyStore#requestRecounts}); only then are asks read. */
    default boolean recountable() {
        return false;
    }

    /**
     * The members whose shares depend on what the recount requests name ({@link TallyStore#requestRecounts}): a
     * lead's share depends on whether its deal was won, which the lead's own document does not say.
     */
    default List<D> recounted(Generation generation, List<Document> requests) {
        return List.of();
    }

    /**
     * Called in each round after the tallies were added to and before the members are unmarked, so that a round
     * that dies before it is done calls it again: where other tallies depend on these members, ask for recounts.
     */
    default void counted(Generation generation, List<D> members) {}
}
