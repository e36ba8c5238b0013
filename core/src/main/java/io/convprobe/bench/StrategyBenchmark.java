package io.convprobe.bench;

import io.convprobe.arch.Shape;
import io.convprobe.memory.MemoryBudget;
import io.convprobe.data.Dataset;
import io.convprobe.probe.ArchProber;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.stats.RankCorrelation;
import io.convprobe.probe.TrialResult;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.ArchStatus;
import io.convprobe.search.Progress;
import io.convprobe.search.ResultStore;
import io.convprobe.search.SearchConfig;
import io.convprobe.search.StrategyTables;
import io.convprobe.search.pipeline.ProberFactory;
import io.convprobe.search.SearchCounts;
import io.convprobe.search.pipeline.SearchSession;
import io.convprobe.search.strategy.Exhaustive;
import io.convprobe.probe.LayerTimings;
import io.convprobe.probe.PrefixSweep;
import io.convprobe.proxy.Proxies;
import io.convprobe.space.SearchSpace;
import io.convprobe.search.TrialPolicy;
import io.convprobe.search.strategy.Evolution;
import io.convprobe.search.strategy.Halving;
import io.convprobe.search.strategy.Objective;
import io.convprobe.search.strategy.RandomSample;
import io.convprobe.search.strategy.SearchStrategy;
import io.convprobe.search.strategy.StrategyContext;
import io.convprobe.space.RatioRange;
import io.convprobe.space.RichSpace;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import io.convprobe.Version;
import io.convprobe.TextTable;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The strategy benchmark: each budgeted strategy against the exhaustive answer on a space whose
 * exhaustive screen is stored. For every (strategy, budget fraction, seed) a fresh run directory
 * is searched through the strategy's own code path (store, rungs, history); probes come from a
 * {@link ProbeCache} (deterministic results, probed for real on a miss), costs from the run's own
 * store (image-passes). "Found" = how many of the exhaustive top 10 by mean accuracy are among the
 * strategy's own top 10 by mean accuracy over its fully tested networks.
 */
public final class StrategyBenchmark {
    static final String DOC_START = "<!-- bench-strategies:start -->";
    static final String DOC_END = "<!-- bench-strategies:end -->";

    /** One (strategy, budget, seed) run. */
    public record Row(String strategy, double budgetFraction, long seed, int found, long imagePasses,
            double costFraction, int fullyTested) {}

    /** The whole benchmark's results. */
    public record Result(int valid, long exhaustiveCost, List<String> top10, List<Row> rows, double spearmanRung0,
            int spearmanN) {}

    private final Dataset data;
    private final RichSpace space;
    private final Shape input;
    private final RatioRange ratio;
    private final ProbeSettings settings;
    private final String dataset;
    private final ProbeCache cache;
    private final BiFunction<Integer, Integer, ArchProber> realProber;
    private final Consumer<String> log;

    public StrategyBenchmark(RichSpace space, Dataset data, RatioRange ratio, ProbeSettings settings, Path cacheFile,
            BiFunction<Integer, Integer, ArchProber> realProber, Consumer<String> log) {
        this.data = data;
        this.space = space;
        this.input = data.imageShape();
        this.ratio = ratio;
        this.settings = settings;
        this.dataset = data.name();
        this.cache = new ProbeCache(cacheFile);
        this.realProber = realProber;
        this.log = log;
    }

    /** The benchmark with the search's real probers (sweep mode, {@code threads} threads) behind the cache. */
    public static StrategyBenchmark of(RichSpace space, Dataset data, RatioRange ratio, ProbeSettings settings,
            Path cacheFile, int threads, Consumer<String> log) {
        return new StrategyBenchmark(space, data, ratio, settings, cacheFile, (train, test) -> ProberFactory.build(data,
                new ProbeSettings(train, test, settings.trials(), settings.minAccuracy(), settings.minThroughput(),
                        settings.seed(), settings.batchSize(), settings.throughputWeight()), threads,
                ProberFactory.Mode.sweep), log);
    }

    /** Loads every trial of a finished search run into the cache at its own sizes. */
    public void preload(Path runDir) {
        try (ResultStore s = ResultStore.open(runDir)) {
            Map<String, Object> c = s.config();
            int train = ((Number) c.get("train_size")).intValue();
            int test = ((Number) c.get("test_size")).intValue();
            for (ArchAggregate a : s.aggregates()) {
                for (TrialResult t : s.trials(a.id())) {
                    cache.put(a.spec(), train, test, t);
                }
            }
        }
    }

    public Result run(Path exhaustiveDir, Path workDir, double[] fractions, long[] seeds, int population, int tournament,
            int eta, int minImages) {
        List<ArchAggregate> full = new ArrayList<>();
        long exhaustiveCost = exhaustive(exhaustiveDir, settings, full);
        List<String> top = topByAccuracy(full, 10);
        int valid = (int) space.count(input, ratio).valid();
        Objective objective = new Objective("accuracy", settings.throughputWeight());
        List<Row> rows = new ArrayList<>();
        for (double f : fractions) {
            for (long seed : seeds) {
                int networks = (int) Math.max(1, Math.round(f * valid));
                rows.add(one(workDir, "random", f, seed, new RandomSample(networks, seed), top, exhaustiveCost));
                rows.add(one(workDir, "halving", f, seed,
                        new Halving(Math.round(f * exhaustiveCost), eta, minImages, seed, objective), top, exhaustiveCost));
                rows.add(one(workDir, "evolution", f, seed,
                        new Evolution(networks, population, tournament, seed, objective), top, exhaustiveCost));
            }
        }
        // rank agreement of rung 0 (first minImages images, trial 0) with the full protocol (mean over trials)
        List<double[]> pairs = new ArrayList<>();
        for (ArchAggregate a : full) {
            TrialResult r0 = cache.get(a.spec(), minImages, minImages, 0);
            if (r0 != null && Double.isFinite(r0.testAccuracy())) {
                pairs.add(new double[] {r0.testAccuracy(), a.accuracy()});
            }
        }
        double rho = pairs.size() < 3 ? Double.NaN : RankCorrelation.spearman(
                pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray());
        log.accept("probe cache: " + cache.hits + " hits, " + cache.misses + " probed");
        return new Result(valid, exhaustiveCost, top, rows, rho, pairs.size());
    }

    /**
     * The exhaustive answer under {@code settings}' protocol, from a screen run with at least as many
     * trials: its first {@code trials} trials, its thresholds. Fills {@code full} with the fully
     * tested architectures; returns the screen's cost in image-passes under that protocol.
     */
    static long exhaustive(Path dir, ProbeSettings settings, List<ArchAggregate> full) {
        TrialPolicy policy = TrialPolicy.of(settings);
        long trials = 0;
        try (ResultStore s = ResultStore.open(dir)) {
            for (ArchAggregate a : s.aggregates()) {
                List<TrialResult> t = s.trials(a.id()).stream().filter(r -> r.trial() < settings.trials()).toList();
                if (t.isEmpty() || policy.next(t).isPresent()) {
                    throw new io.convprobe.UserException(dir + ": the exhaustive screen is not complete for "
                            + settings.trials() + " trials (" + a.spec() + " has " + t.size() + "); run it first");
                }
                trials += t.size();
                if (policy.status(t) == ArchStatus.FULL) {
                    full.add(ArchAggregate.of(a.id(), a.spaceIndex(), io.convprobe.arch.SpecFormat.parse(a.spec()),
                            a.spec(), ArchStatus.FULL, t, a.ratio(), a.params(), a.macs(), a.features()));
                }
            }
        }
        return trials * (settings.trainSize() + settings.testSize());
    }

    /** True when {@link #exhaustive} can answer for {@code settings} (every valid architecture screened). */
    public static boolean complete(Path dir, ProbeSettings settings, long valid) {
        if (!Files.isRegularFile(dir.resolve(ResultStore.DB_FILE))) {
            return false;
        }
        try {
            List<ArchAggregate> full = new ArrayList<>();
            exhaustive(dir, settings, full);
            try (ResultStore s = ResultStore.open(dir)) {
                return s.aggregates().size() == valid;
            }
        } catch (io.convprobe.UserException e) {
            return false;
        }
    }

    static List<String> topByAccuracy(List<ArchAggregate> full, int n) {
        return full.stream().sorted(Comparator.comparingDouble(ArchAggregate::accuracy).reversed()
                .thenComparingLong(ArchAggregate::spaceIndex)).limit(n).map(ArchAggregate::spec).toList();
    }

    private Row one(Path workDir, String name, double f, long seed, SearchStrategy strategy, List<String> top,
            long exhaustiveCost) {
        Path dir = workDir.resolve(String.format(java.util.Locale.ROOT, "%s-%03.0f-s%d", name, f * 1000, seed));
        deleteRecursively(dir);
        // the search's own pipeline, quiet, with probes from the cache (probed for real on a miss)
        ProberFactory cached = (d, s, threads, mode, memory) -> cache.prober(s.trainSize(), s.testSize(),
                () -> realProber.apply(s.trainSize(), s.testSize()));
        SearchSession.Request request = new SearchSession.Request(strategy, space, null, ratio, settings, Proxies.none(),
                1, ProberFactory.Mode.sweep, LayerTimings.Choice.MEASURED, MemoryBudget.AUTO, dir,
                null, settings.throughputWeight(), null);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        List<ArchAggregate> mine = new SearchSession(request, data, cached,
                new Progress(quiet, false, Long.MAX_VALUE, System::nanoTime), quiet).run().scored().stream()
                .filter(a -> a.status() == ArchStatus.FULL).toList();
        Set<String> found = new HashSet<>(topByAccuracy(mine, 10));
        found.retainAll(new HashSet<>(top));
        long cost;
        try (ResultStore store = ResultStore.openForSearch(dir)) {
            cost = new StrategyTables(store).imagePasses(settings.trainSize(), settings.testSize());
        }
        Row row = new Row(name, f, seed, found.size(), cost, (double) cost / exhaustiveCost, mine.size());
        log.accept(String.format(java.util.Locale.ROOT, "%-9s budget %4.0f %% seed %d: found %2d/10 at %5.1f %% of "
                + "the exhaustive cost (%,d fully tested)", name, f * 100, seed, row.found(), row.costFraction() * 100,
                row.fullyTested()));
        return row;
    }

    /**
     * The exhaustive screen the strategies are measured against, run (or resumed) in {@code dir} with
     * the search's pipeline: the seed space, the published protocol with {@code trials} trials, no
     * proxies (the answer is mean accuracy, and they would only slow the screen down).
     */
    public static SearchCounts screen(Dataset data, Path dir, int trials, int threads) {
        ProbeSettings p = ProbeSettings.PUBLISHED;
        ProbeSettings settings = new ProbeSettings(p.trainSize(), p.testSize(), trials, p.minAccuracy(), p.minThroughput(),
                p.seed(), p.batchSize(), p.throughputWeight());
        SearchSession.Request request = new SearchSession.Request(new Exhaustive(), SearchSpace.seed().rich(), null,
                RatioRange.DEFAULT, settings, Proxies.none(), threads, ProberFactory.Mode.sweep,
                LayerTimings.Choice.MEASURED, MemoryBudget.AUTO, dir, null,
                settings.throughputWeight(), null);
        return new SearchSession(request, data, ProberFactory.REAL, Progress.stderr(), System.err).run().counts();
    }

    /** Mean found and mean cost fraction per (strategy, budget fraction), in first-seen order. */
    public static Map<String, Map<Double, double[]>> summary(List<Row> rows) {
        Map<String, Map<Double, double[]>> out = new LinkedHashMap<>();
        for (Row r : rows) {
            double[] acc = out.computeIfAbsent(r.strategy(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.budgetFraction(), k -> new double[] {0, 0, 0, Double.MAX_VALUE, -1});
            acc[0] += r.found();
            acc[1] += r.costFraction();
            acc[2]++;
            acc[3] = Math.min(acc[3], r.found());
            acc[4] = Math.max(acc[4], r.found());
        }
        return out;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void close() {
        cache.close();
    }

    /** The benchmark's table, the rung-0 agreement and whether the goals were met, as printed and written to the docs. */
    public static String table(Result r, int trials) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "seed space on the embedded sample (1x28x28): %,d valid networks; protocol "
                + "500/500 images, %d trial%s; exhaustive screen %,d image-passes; top 10 by mean accuracy over the "
                + "trials%n%n", r.valid(), trials, trials == 1 ? "" : "s", r.exhaustiveCost()));
        TextTable t = new TextTable("strategy", "budget", "cost (mean)", "found of top 10 (mean)", "min..max", "seeds");
        Map<String, Map<Double, double[]>> summary = summary(r.rows());
        summary.forEach((name, by) -> by.forEach((f, v) -> t.row(name, String.format(Locale.ROOT, "%.0f %%", f * 100),
                String.format(Locale.ROOT, "%.1f %%", 100 * v[1] / v[2]), String.format(Locale.ROOT, "%.1f", v[0] / v[2]),
                String.format(Locale.ROOT, "%.0f..%.0f", v[3], v[4]), String.format(Locale.ROOT, "%.0f", v[2]))));
        b.append(t.render());
        b.append(String.format(Locale.ROOT, "%nSpearman, rung 0 (trial 0 on the first 100/100 images) vs full protocol "
                + "(mean over trials): %.3f over %,d networks%n", r.spearmanRung0(), r.spearmanN()));
        b.append(goal(summary, "halving", 8, 0.35)).append(goal(summary, "evolution", 7, 0.20));
        return b.toString();
    }

    /** Whether some budget reached {@code found} on average at no more than {@code cost} of the exhaustive cost. */
    private static String goal(Map<String, Map<Double, double[]>> summary, String name, int found, double cost) {
        Map<Double, double[]> by = summary.getOrDefault(name, Map.of());
        String best = "none";
        double bestFound = -1;
        for (double[] v : by.values()) {
            double c = v[1] / v[2];
            double f = v[0] / v[2];
            if (c <= cost * 1.005 && f > bestFound) { // 0.5 %: budgets in networks round to whole networks
                bestFound = f;
                best = String.format(Locale.ROOT, "%.1f at %.1f %%", f, 100 * c);
            }
        }
        boolean met = bestFound >= found;
        return String.format(Locale.ROOT, "goal %s >= %d/10 at <= %.0f %% cost: %s (best within the cost: %s)%n", name,
                found, cost * 100, met ? "met" : "MISSED", best);
    }

    /** Writes the results into {@code file}'s bench-strategies section (the chart as {@code png} next to it). */
    public static void writeDocs(Path file, String table, String png) throws IOException {
        String section = DOC_START + "\n## Search strategies against the exhaustive answer\n\nMeasured " + LocalDate.now()
                + " with `./convprobe bench strategies --write-docs docs/benchmarks.md` (convprobe " + Version.convprobe()
                + "). Counts of image-passes and of top-10 networks found do not depend on the machine's speed. \"Found\" = "
                + "exhaustive top-10 networks among the strategy's own top 10 by mean accuracy over its fully tested "
                + "networks; halving and evolution rank by `--objective accuracy`.\n\n```\n" + table + "```\n\n![found vs cost]("
                + png + ")\n" + DOC_END;
        DocsSection.write(file, DOC_START, DOC_END, section);
    }
}
