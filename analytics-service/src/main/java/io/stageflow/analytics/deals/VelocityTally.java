package io.stageflow.analytics.deals;

import io.stageflow.analytics.deals.DealHistory.DealState;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Counts one deal at a time into the velocity of its pipeline and of the person who owns it as of the instant. */
final class VelocityTally {

    private static final BigInteger MILLIS_PER_DAY = BigInteger.valueOf(86_400_000L);

    private final String pipelineId;
    private final PipelineDefinition.Version pipeline;
    private final DealQuery query;
    private final Scope all = new Scope();
    private final Map<String, Scope> byOwner = new HashMap<>();
    private final Scope unowned = new Scope();

    VelocityTally(String pipelineId, PipelineDefinition.Version pipeline, DealQuery query) {
        this.pipelineId = pipelineId;
        this.pipeline = pipeline;
        this.query = query;
    }

    void add(DealHistory deal) {
        Optional<DealState> at = deal.at(query.asOf(), pipeline);
        if (at.isEmpty()) {
            return;
        }
        DealState state = at.get();
        all.add(state, deal);
        (state.ownerId() == null ? unowned : byOwner.computeIfAbsent(state.ownerId(), id -> new Scope()))
                .add(state, deal);
    }

    SalesVelocity result() {
        List<SalesVelocity.OwnerFactors> owners = new ArrayList<>();
        byOwner.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(owner -> owners.add(new SalesVelocity.OwnerFactors(
                        owner.getKey(), owner.getValue().factors())));
        if (unowned.deals > 0) {
            owners.add(new SalesVelocity.OwnerFactors(null, unowned.factors()));
        }
        return new SalesVelocity(
                pipelineId,
                pipeline.name(),
                pipeline.pipelineVersion(),
                query.asOf(),
                all.factors(),
                List.copyOf(owners));
    }

    /** The exact sums behind one scope's factors; rounded only when the factors are shown. */
    private static final class Scope {

        private long deals;
        private long open;
        private long won;
        private long lost;
        private BigInteger cycleMillis = BigInteger.ZERO;
        private final Map<String, Long> openByCurrency = new TreeMap<>();
        private final Map<String, Long> wonByCurrency = new TreeMap<>();
        private final Map<String, BigInteger> wonValue = new TreeMap<>();

        void add(DealState state, DealHistory deal) {
            deals++;
            String currency = state.amount() == null ? null : state.amount().currency();
            switch (state.status()) {
                case OPEN -> {
                    open++;
                    if (currency != null) {
                        openByCurrency.merge(currency, 1L, Long::sum);
                    }
                }
                case WON -> {
                    won++;
                    // the win in effect: a deal won, reopened and won again took until its last win
                    cycleMillis =
                            cycleMillis.add(BigInteger.valueOf(Duration.between(deal.createdAt(), state.statusSince())
                                    .toMillis()));
                    if (currency != null) {
                        wonByCurrency.merge(currency, 1L, Long::sum);
                        wonValue.merge(
                                currency, BigInteger.valueOf(state.amount().minorUnits()), BigInteger::add);
                    }
                }
                case LOST -> lost++;
            }
        }

        SalesVelocity.Factors factors() {
            TreeSet<String> currencies = new TreeSet<>(openByCurrency.keySet());
            currencies.addAll(wonByCurrency.keySet());
            return new SalesVelocity.Factors(
                    open,
                    won,
                    lost,
                    Figures.fraction(won, won + lost),
                    Figures.averageDays(cycleMillis, won),
                    currencies.stream().map(this::currency).toList());
        }

        /**
         * velocity = open × (wonValue / wonInCurrency) × (won / (won + lost)) ÷ (cycleMillis / won / day), computed
         * as one fraction of integers so that it is rounded once.
         */
        private SalesVelocity.CurrencyFactors currency(String currency) {
            long openInCurrency = openByCurrency.getOrDefault(currency, 0L);
            long wonInCurrency = wonByCurrency.getOrDefault(currency, 0L);
            BigInteger value = wonValue.getOrDefault(currency, BigInteger.ZERO);
            String average = wonInCurrency == 0
                    ? null
                    : CurrencyValue.of(currency, value, BigInteger.valueOf(wonInCurrency))
                            .value();
            String velocity = null;
            if (wonInCurrency > 0 && cycleMillis.signum() > 0) {
                BigInteger numerator = BigInteger.valueOf(openInCurrency)
                        .multiply(value)
                        .multiply(BigInteger.valueOf(won))
                        .multiply(BigInteger.valueOf(won))
                        .multiply(MILLIS_PER_DAY);
                BigInteger denominator = BigInteger.valueOf(wonInCurrency)
                        .multiply(BigInteger.valueOf(won + lost))
                        .multiply(cycleMillis);
                velocity = CurrencyValue.of(currency, numerator, denominator).value();
            }
            return new SalesVelocity.CurrencyFactors(currency, openInCurrency, wonInCurrency, average, velocity);
        }
    }
}
