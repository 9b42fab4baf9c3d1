package io.stageflow.analytics.deals;

import io.stageflow.analytics.deals.DealFixtures.Sequenced;
import io.stageflow.events.Money;
import io.stageflow.events.deal.DealCreated;
import io.stageflow.events.deal.DealEvent;
import io.stageflow.events.deal.DealLost;
import io.stageflow.events.deal.DealReopened;
import io.stageflow.events.deal.DealUpdated;
import io.stageflow.events.deal.DealWon;
import io.stageflow.events.deal.PipelineDefined;
import io.stageflow.events.deal.PipelineStage;
import io.stageflow.events.deal.StageChanged;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The deal reports computed the plain way, for the properties to compare the projections with: replay each deal's
 * events up to the instant asked, keep its state in a few variables, count. Nothing here uses {@link DealHistory}
 * or the tallies; only the output records and the rounding rules of docs/metrics.md are shared, since they are the
 * contract.
 */
final class DealReference {

    private static final BigInteger HUNDRED = BigInteger.valueOf(100);
    private static final long MILLIS_PER_HOUR = 3_600_000L;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private DealReference() {}

    /** One deal as it stood at the instant asked. */
    private static final class Deal {
        Instant createdAt;
        String stage;
        Instant stageSince;
        DealStatus status;
        Instant statusSince;
        Money amount;
        Integer ownProbability;
        String owner;
        LocalDate closeDate;
        boolean stale;
        final Set<String> entered = new HashSet<>();
        final Set<String> advanced = new HashSet<>();
        final Map<String, Long> finishedMillis = new HashMap<>();
    }

    static DealFunnel funnel(List<Sequenced> events, DealQuery query) {
        PipelineDefined pipeline = versionAt(events, query.asOf());
        List<PipelineStage> open = openStages(pipeline);
        int n = open.size();
        long[] entered = new long[n];
        long[] current = new long[n];
        long[] advanced = new long[n];
        List<List<Long>> finished = new ArrayList<>();
        open.forEach(stage -> finished.add(new ArrayList<>()));
        Sums sums = new Sums();
        long deals = 0;
        long won = 0;
        long lost = 0;
        long openDeals = 0;
        for (List<DealEvent> history : dealHistories(events)) {
            LocalDate createdOn = LocalDate.ofInstant(((DealCreated) history.getFirst()).createdAt(), ZoneOffset.UTC);
            if ((query.from() != null && createdOn.isBefore(query.from()))
                    || (query.to() != null && createdOn.isAfter(query.to()))) {
                continue;
            }
            Deal deal = replay(history, query.asOf(), open);
            if (deal == null) {
                continue;
            }
            deals++;
            switch (deal.status) {
                case WON -> won++;
                case LOST -> lost++;
                case OPEN -> {
                    openDeals++;
                    int at = position(open, deal.stage);
                    if (at >= 0) {
                        current[at]++;
                    }
                    sums.add(deal.amount, probability(deal, pipeline));
                }
            }
            for (int i = 0; i < n; i++) {
                String key = open.get(i).key();
                if (deal.entered.contains(key)) {
                    entered[i]++;
                }
                if (deal.advanced.contains(key)) {
                    advanced[i]++;
                }
                if (deal.finishedMillis.containsKey(key)) {
                    finished.get(i).add(deal.finishedMillis.get(key));
                }
            }
        }
        List<DealFunnel.Stage> stages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var stage = open.get(i);
            long total = finished.get(i).stream().mapToLong(Long::longValue).sum();
            stages.add(new DealFunnel.Stage(
                    stage.key(),
                    stage.name(),
                    stage.probability(),
                    entered[i],
                    current[i],
                    advanced[i],
                    ratio(advanced[i], entered[i]),
                    entered[i] - advanced[i],
                    finished.get(i).isEmpty()
                            ? null
                            : hours(BigDecimal.valueOf(total), finished.get(i).size()),
                    median(finished.get(i))));
        }
        return new DealFunnel(
                pipeline.pipelineId(),
                pipeline.pipelineName(),
                pipeline.pipelineVersion(),
                query.asOf(),
                query.from(),
                query.to(),
                deals,
                stages,
                won,
                lost,
                openDeals,
                ratio(won, won + lost),
                sums.values(),
                sums.weighted());
    }

    static SalesVelocity velocity(List<Sequenced> events, DealQuery query) {
        PipelineDefined pipeline = versionAt(events, query.asOf());
        List<PipelineStage> open = openStages(pipeline);
        Scope all = new Scope();
        Map<String, Scope> owners = new TreeMap<>();
        Scope unowned = new Scope();
        for (List<DealEvent> history : dealHistories(events)) {
            Deal deal = replay(history, query.asOf(), open);
            if (deal == null) {
                continue;
            }
            all.add(deal);
            (deal.owner == null ? unowned : owners.computeIfAbsent(deal.owner, o -> new Scope())).add(deal);
        }
        List<SalesVelocity.OwnerFactors> byOwner = new ArrayList<>();
        owners.forEach((owner, scope) -> byOwner.add(new SalesVelocity.OwnerFactors(owner, scope.factors())));
        if (unowned.deals > 0) {
            byOwner.add(new SalesVelocity.OwnerFactors(null, unowned.factors()));
        }
        return new SalesVelocity(
                pipeline.pipelineId(),
                pipeline.pipelineName(),
                pipeline.pipelineVersion(),
                query.asOf(),
                all.factors(),
                byOwner);
    }

    static DealForecast forecast(List<Sequenced> events, DealQuery query) {
        PipelineDefined pipeline = versionAt(events, query.asOf());
        List<PipelineStage> open = openStages(pipeline);
        Sums total = new Sums();
        Comparator<YearMonth> months = Comparator.nullsLast(Comparator.naturalOrder());
        Map<YearMonth, Sums> byMonth = new TreeMap<>(months);
        Map<String, Map<YearMonth, Sums>> byOwner = new TreeMap<>();
        Map<YearMonth, Sums> unowned = new TreeMap<>(months);
        Map<String, long[]> staleness = new LinkedHashMap<>();
        open.forEach(stage -> staleness.put(stage.key(), new long[2]));
        Map<String, long[]> unlisted = new TreeMap<>();
        long openDeals = 0;
        for (List<DealEvent> history : dealHistories(events)) {
            Deal deal = replay(history, query.asOf(), open);
            if (deal == null || deal.status != DealStatus.OPEN) {
                continue;
            }
            openDeals++;
            int probability = probability(deal, pipeline);
            YearMonth month = deal.closeDate == null ? null : YearMonth.from(deal.closeDate);
            total.add(deal.amount, probability);
            byMonth.computeIfAbsent(month, m -> new Sums()).add(deal.amount, probability);
            (deal.owner == null ? unowned : byOwner.computeIfAbsent(deal.owner, o -> new TreeMap<>(months)))
                    .computeIfAbsent(month, m -> new Sums())
                    .add(deal.amount, probability);
            long[] counts = staleness.containsKey(deal.stage)
                    ? staleness.get(deal.stage)
                    : unlisted.computeIfAbsent(deal.stage, key -> new long[2]);
            counts[0]++;
            counts[1] += deal.stale ? 1 : 0;
        }
        List<DealForecast.OwnerMonths> owners = new ArrayList<>();
        byOwner.forEach((owner, perMonth) -> owners.add(new DealForecast.OwnerMonths(owner, monthRows(perMonth))));
        if (!unowned.isEmpty()) {
            owners.add(new DealForecast.OwnerMonths(null, monthRows(unowned)));
        }
        List<DealForecast.StageStaleness> stale = new ArrayList<>();
        for (var stage : open) {
            long[] counts = staleness.get(stage.key());
            stale.add(new DealForecast.StageStaleness(stage.key(), stage.name(), counts[0], counts[1]));
        }
        unlisted.forEach((key, counts) -> stale.add(new DealForecast.StageStaleness(key, null, counts[0], counts[1])));
        return new DealForecast(
                pipeline.pipelineId(),
                pipeline.pipelineName(),
                pipeline.pipelineVersion(),
                query.asOf(),
                openDeals,
                total.values(),
                total.weighted(),
                monthRows(byMonth),
                owners,
                stale);
    }

    /** Each deal's events in sequence order, deals in order of first appearance. */
    private static List<List<DealEvent>> dealHistories(List<Sequenced> events) {
        Map<String, List<Sequenced>> byDeal = new LinkedHashMap<>();
        events.stream()
                .filter(event -> !(event.event() instanceof PipelineDefined))
                .forEach(event -> byDeal.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>())
                        .add(event));
        return byDeal.values().stream()
                .map(deal -> deal.stream()
                        .sorted(Comparator.comparingLong(Sequenced::sequence))
                        .map(Sequenced::event)
                        .toList())
                .toList();
    }

    /** The deal after its events up to {@code asOf}; null when it did not exist yet. */
    private static Deal replay(List<DealEvent> history, Instant asOf, List<PipelineStage> open) {
        Deal deal = null;
        for (DealEvent event : history) {
            Instant at = instantOf(event);
            if (at.isAfter(asOf)) {
                break;
            }
            switch (event) {
                case DealCreated created -> {
                    deal = new Deal();
                    deal.createdAt = at;
                    deal.status = DealStatus.OPEN;
                    deal.statusSince = at;
                    deal.amount = created.amount();
                    deal.owner = created.ownerId();
                    deal.closeDate = created.expectedCloseDate();
                    deal.stale = created.stale();
                    enter(deal, created.stageKey(), at, open);
                }
                case StageChanged changed -> {
                    leave(deal, at, open);
                    enter(deal, changed.toStage(), at, open);
                    deal.amount = changed.amount();
                    deal.stale = changed.stale();
                }
                case DealWon dealWon -> {
                    leave(deal, at, open);
                    // a win is an advance out of every stage the deal was in
                    deal.advanced.addAll(deal.entered);
                    enter(deal, dealWon.toStage(), at, open);
                    deal.status = DealStatus.WON;
                    deal.statusSince = at;
                    deal.amount = dealWon.amount();
                    deal.stale = false;
                }
                case DealLost dealLost -> {
                    leave(deal, at, open);
                    enter(deal, dealLost.toStage(), at, open);
                    deal.status = DealStatus.LOST;
                    deal.statusSince = at;
                    deal.amount = dealLost.amount();
                    deal.stale = false;
                }
                case DealReopened reopened -> {
                    leave(deal, at, open);
                    enter(deal, reopened.toStage(), at, open);
                    deal.status = DealStatus.OPEN;
                    deal.statusSince = at;
                    deal.stale = reopened.stale();
                }
                case DealUpdated updated -> {
                    deal.amount = updated.amount();
                    deal.owner = updated.ownerId();
                    deal.closeDate = updated.expectedCloseDate();
                    deal.stale = updated.stale();
                    if (updated.changedFields().contains("probability")) {
                        deal.ownProbability = updated.probability();
                    }
                }
                case PipelineDefined defined -> throw new IllegalArgumentException("not a deal event");
            }
        }
        return deal;
    }

    private static void enter(Deal deal, String stage, Instant at, List<PipelineStage> open) {
        int position = position(open, stage);
        if (position >= 0) {
            for (String before : deal.entered) {
                if (position(open, before) < position) {
                    deal.advanced.add(before);
                }
            }
        }
        deal.entered.add(stage);
        deal.stage = stage;
        deal.stageSince = at;
    }

    private static void leave(Deal deal, Instant at, List<PipelineStage> open) {
        if (position(open, deal.stage) >= 0) {
            deal.finishedMillis.merge(
                    deal.stage, Duration.between(deal.stageSince, at).toMillis(), Long::sum);
        }
    }

    /** deal-service's rule: the deal's own probability once set, else its stage's. */
    private static int probability(Deal deal, PipelineDefined pipeline) {
        if (deal.ownProbability != null) {
            return deal.ownProbability;
        }
        return pipeline.stages().stream()
                .filter(stage -> stage.key().equals(deal.stage))
                .mapToInt(PipelineStage::probability)
                .findFirst()
                .orElse(0);
    }

    private static Instant instantOf(DealEvent event) {
        return switch (event) {
            case DealCreated e -> e.createdAt();
            case StageChanged e -> e.changedAt();
            case DealWon e -> e.wonAt();
            case DealLost e -> e.lostAt();
            case DealReopened e -> e.reopenedAt();
            case DealUpdated e -> e.updatedAt();
            case PipelineDefined e -> e.definedAt();
        };
    }

    /** The newest version defined by {@code asOf}, or the first when none was. */
    private static PipelineDefined versionAt(List<Sequenced> events, Instant asOf) {
        List<PipelineDefined> versions = events.stream()
                .filter(event -> event.event() instanceof PipelineDefined)
                .sorted(Comparator.comparingLong(Sequenced::sequence))
                .map(event -> (PipelineDefined) event.event())
                .toList();
        PipelineDefined chosen = versions.getFirst();
        for (PipelineDefined version : versions) {
            if (!version.definedAt().isAfter(asOf)) {
                chosen = version;
            }
        }
        return chosen;
    }

    private static List<PipelineStage> openStages(PipelineDefined pipeline) {
        return pipeline.stages().stream()
                .filter(stage -> stage.type().equals("OPEN"))
                .toList();
    }

    private static int position(List<PipelineStage> open, String key) {
        for (int i = 0; i < open.size(); i++) {
            if (open.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static List<DealForecast.Month> monthRows(Map<YearMonth, Sums> byMonth) {
        List<DealForecast.Month> rows = new ArrayList<>();
        byMonth.forEach((month, sums) -> sums.byCurrency.forEach((currency, sum) -> rows.add(new DealForecast.Month(
                month == null ? null : month.toString(),
                currency,
                sum.deals,
                money(currency, sum.value, BigInteger.ONE),
                money(currency, sum.weightedTimesHundred, HUNDRED)))));
        return rows;
    }

    /** Velocity's sums for one scope. */
    private static final class Scope {
        long deals;
        long open;
        long won;
        long lost;
        long cycleMillis;
        final Map<String, Long> openByCurrency = new TreeMap<>();
        final Map<String, Long> wonByCurrency = new TreeMap<>();
        final Map<String, BigInteger> wonValue = new TreeMap<>();

        void add(Deal deal) {
            deals++;
            String currency = deal.amount == null ? null : deal.amount.currency();
            switch (deal.status) {
                case OPEN -> {
                    open++;
                    if (currency != null) {
                        openByCurrency.merge(currency, 1L, Long::sum);
                    }
                }
                case WON -> {
                    won++;
                    cycleMillis +=
                            Duration.between(deal.createdAt, deal.statusSince).toMillis();
                    if (currency != null) {
                        wonByCurrency.merge(currency, 1L, Long::sum);
                        wonValue.merge(currency, BigInteger.valueOf(deal.amount.minorUnits()), BigInteger::add);
                    }
                }
                case LOST -> lost++;
            }
        }

        SalesVelocity.Factors factors() {
            var currencies = new TreeMap<String, Boolean>();
            openByCurrency.keySet().forEach(c -> currencies.put(c, true));
            wonByCurrency.keySet().forEach(c -> currencies.put(c, true));
            List<SalesVelocity.CurrencyFactors> perCurrency = new ArrayList<>();
            for (String currency : currencies.keySet()) {
                long openHere = openByCurrency.getOrDefault(currency, 0L);
                long wonHere = wonByCurrency.getOrDefault(currency, 0L);
                BigInteger value = wonValue.getOrDefault(currency, BigInteger.ZERO);
                String average = wonHere == 0 ? null : money(currency, value, BigInteger.valueOf(wonHere));
                String velocity = null;
                if (wonHere > 0 && cycleMillis > 0) {
                    // open × (value / wonHere) × (won / (won + lost)) ÷ (cycleMillis / won / day)
                    BigInteger numerator = BigInteger.valueOf(openHere)
                            .multiply(value)
                            .multiply(BigInteger.valueOf(won))
                            .multiply(BigInteger.valueOf(won))
                            .multiply(BigInteger.valueOf(MILLIS_PER_DAY));
                    BigInteger denominator = BigInteger.valueOf(wonHere)
                            .multiply(BigInteger.valueOf(won + lost))
                            .multiply(BigInteger.valueOf(cycleMillis));
                    velocity = money(currency, numerator, denominator);
                }
                perCurrency.add(new SalesVelocity.CurrencyFactors(currency, openHere, wonHere, average, velocity));
            }
            BigDecimal cycleDays = won == 0
                    ? null
                    : BigDecimal.valueOf(cycleMillis)
                            .divide(BigDecimal.valueOf(MILLIS_PER_DAY * won), 2, RoundingMode.HALF_UP);
            return new SalesVelocity.Factors(open, won, lost, ratio(won, won + lost), cycleDays, perCurrency);
        }
    }

    /** Amounts per currency: how many deals, their sum, and the sum weighted by probability (× 100). */
    private static final class Sums {

        static final class Sum {
            long deals;
            BigInteger value = BigInteger.ZERO;
            BigInteger weightedTimesHundred = BigInteger.ZERO;
        }

        final Map<String, Sum> byCurrency = new TreeMap<>();

        void add(Money amount, int probability) {
            if (amount == null || amount.currency() == null) {
                return;
            }
            Sum sum = byCurrency.computeIfAbsent(amount.currency(), c -> new Sum());
            sum.deals++;
            sum.value = sum.value.add(BigInteger.valueOf(amount.minorUnits()));
            sum.weightedTimesHundred = sum.weightedTimesHundred.add(
                    BigInteger.valueOf(amount.minorUnits()).multiply(BigInteger.valueOf(probability)));
        }

        List<CurrencyValue> values() {
            return byCurrency.entrySet().stream()
                    .map(e -> new CurrencyValue(e.getKey(), money(e.getKey(), e.getValue().value, BigInteger.ONE)))
                    .toList();
        }

        List<CurrencyValue> weighted() {
            return byCurrency.entrySet().stream()
                    .map(e -> new CurrencyValue(
                            e.getKey(), money(e.getKey(), e.getValue().weightedTimesHundred, HUNDRED)))
                    .toList();
        }
    }

    /** {@code minorUnits / divisor} rounded half up to the currency's minor unit, in major units. */
    private static String money(String currency, BigInteger minorUnits, BigInteger divisor) {
        BigDecimal minor = new BigDecimal(minorUnits).divide(new BigDecimal(divisor), 0, RoundingMode.HALF_UP);
        return minor.movePointLeft(Currency.getInstance(currency).getDefaultFractionDigits())
                .toPlainString();
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 3, RoundingMode.HALF_UP);
    }

    private static BigDecimal hours(BigDecimal millis, long count) {
        return millis.divide(BigDecimal.valueOf(MILLIS_PER_HOUR * count), 2, RoundingMode.HALF_UP);
    }

    /** Durations are rounded half up to hundredths of an hour (36 s) before the median is taken, see metrics.md. */
    private static BigDecimal median(List<Long> millis) {
        if (millis.isEmpty()) {
            return null;
        }
        List<Long> sorted = millis.stream()
                .map(ms -> BigDecimal.valueOf(ms)
                        .divide(BigDecimal.valueOf(36_000), 0, RoundingMode.HALF_UP)
                        .longValueExact())
                .sorted()
                .toList();
        int middle = sorted.size() / 2;
        long twice = sorted.size() % 2 == 1 ? 2 * sorted.get(middle) : sorted.get(middle - 1) + sorted.get(middle);
        return BigDecimal.valueOf(twice).divide(BigDecimal.valueOf(200), 2, RoundingMode.HALF_UP);
    }
}
