package io.convprobe.search.pipeline;

import io.convprobe.Interrupts;
import io.convprobe.UserException;
import io.convprobe.Version;
import io.convprobe.arch.Shape;
import io.convprobe.data.Dataset;
import io.convprobe.data.Split;
import io.convprobe.memory.MemoryBudget;
import io.convprobe.memory.MemoryGovernor;
import io.convprobe.memory.MemoryReport;
import io.convprobe.memory.MemorySize;
import io.convprobe.probe.ArchProber;
import io.convprobe.probe.LayerTimer;
import io.convprobe.probe.LayerTimings;
import io.convprobe.probe.PrefixSweep;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.probe.WorkingSet;
import io.convprobe.proxy.Proxies;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.Candidates;
import io.convprobe.search.Fitness;
import io.convprobe.search.ProberRecipe;
import io.convprobe.search.Progress;
import io.convprobe.search.RankScore;
import io.convprobe.search.ResultStore;
import io.convprobe.search.ResultsCsv;
import io.convprobe.search.SearchConfig;
import io.convprobe.search.SearchCounts;
import io.convprobe.search.SearchEngine;
import io.convprobe.search.SearchJob;
import io.convprobe.search.SearchRun;
import io.convprobe.search.StrategyTables;
import io.convprobe.search.TrialPolicy;
import io.convprobe.search.strategy.SearchStrategy;
import io.convprobe.search.strategy.Strategies;
import io.convprobe.search.strategy.StrategyContext;
import io.convprobe.space.RatioRange;
import io.convprobe.space.RichSpace;
import io.convprobe.store.LayerTimingTable;
import io.convprobe.store.TimingCache;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One search, the whole pipeline: configuration → candidates → {@code strategy.run(ctx)} (or
 * another engine's shards) → store → results. {@code convprobe search}, the demo and the
 * benchmarks drive it with a typed {@link Request}; it opens or resumes the run directory, builds
 * the probers ({@link ProberFactory}), runs the strategy, and scores and writes the results.
 * Lines for the user go to {@code err} ("search: ..."), as they always did.
 */
public final class SearchSession {
    /**
     * A search, typed: what {@code search}'s flags (or the demo, a benchmark) ask for.
     *
     * @param strategy      the candidates and how probes are spent (exhaustive, random, listed, halving, evolution)
     * @param space         the space (null for a listed search)
     * @param archsFile     the listed specs' file, recorded in the run's metadata (null for a space)
     * @param rankBy        the score results are ranked by; null: the run's default ({@link RankScore#defaultFor})
     * @param remote        run the shards on another engine instead of this JVM; null: locally
     * @param retime        measure every layer shape the run's store lacks, ignoring the user's timing
     *                      cache (and refreshing it); false: copy the cached rows and measure only the rest
     */
    public record Request(SearchStrategy strategy, RichSpace space, Path archsFile, RatioRange ratio,
            ProbeSettings settings, Proxies proxies, int threads, ProberFactory.Mode mode, LayerTimings.Choice conv,
            MemoryBudget memory, Path runDir, RankScore rankBy, double fitnessWeight, Remote remote, boolean retime) {
        /** A request that uses the timing cache. */
        public Request(SearchStrategy strategy, RichSpace space, Path archsFile, RatioRange ratio,
                ProbeSettings settings, Proxies proxies, int threads, ProberFactory.Mode mode, LayerTimings.Choice conv,
                MemoryBudget memory, Path runDir, RankScore rankBy, double fitnessWeight, Remote remote) {
            this(strategy, space, archsFile, ratio, settings, proxies, threads, mode, conv, memory, runDir, rankBy,
                    fitnessWeight, remote, false);
        }
    }

    /** The search on another engine ({@link SearchEngine}): this JVM is its driver and the store's only writer. */
    public record Remote(SearchEngine engine, String name, ProberRecipe recipe, Integer threads, int shardDepth,
            String master, Map<String, String> conf) {}

    /** What a search leaves: its counts and its results scored by {@code score}, the top 10 first. */
    public record Outcome(SearchConfig config, SearchCounts counts, boolean resumed, RankScore score,
            List<ArchAggregate> scored, List<ArchAggregate> top) {}

    private final Request request;
    private final Dataset data;
    private final ProberFactory probers;
    private final Progress progress;
    private final PrintStream err;
    private final Candidates candidates;
    private final SearchConfig config;
    private Function<Consumer<String>, TimingCache> timingCache;

    /**
     * Checks the request against the data and registers nothing yet: the candidates and the
     * configuration are known when this returns ({@link #config()}, {@link #dryRun}).
     */
    public SearchSession(Request request, Dataset data, ProberFactory probers, Progress progress, PrintStream err) {
        this.request = request;
        this.data = data;
        this.probers = probers;
        this.progress = progress;
        this.err = err;
        this.timingCache = TimingCache::open;
        ProbeSettings settings = request.settings();
        checkSize(data, Split.TRAIN, settings.trainSize(), "--train-size");
        checkSize(data, Split.TEST, settings.testSize(), "--test-size");
        if (request.remote() != null && !Strategies.upFront(request.strategy())) {
            throw new UserException("--engine " + request.remote().name() + " runs exhaustive, random and --archs "
                    + "searches; --strategy halving and evolution run locally");
        }
        if (request.space() != null && request.space().hasNorm()) {
            throw new UserException("--norms bn: the random-weight probe cannot run batch norm (use it with "
                    + "'convprobe space' to count and sample)");
        }
        this.candidates = request.strategy().candidates(request.space(), data.imageShape(), request.ratio());
        this.config = new SearchConfig(data.name(), data.imageShape(), settings, candidates.describe(),
                request.proxies());
    }

    /** Where the timing cache comes from (default: the user's, {@link TimingCache#open(Consumer)}); tests give their own. */
    public SearchSession timingCache(Function<Consumer<String>, TimingCache> opener) {
        this.timingCache = opener;
        return this;
    }

    public SearchConfig config() {
        return config;
    }

    public Candidates candidates() {
        return candidates;
    }

    /** {@code --dry-run}: counts, layer shapes and the screen's estimate on {@code out}; probes nothing. */
    public void dryRun(java.io.PrintWriter out, boolean fillTimings) {
        new DryRun(request, data, candidates, config, meta()).print(out, fillTimings);
    }

    /** Runs or resumes the search; the results are in the run directory and the returned outcome. */
    public Outcome run() {
        Map<String, String> meta = meta();
        err.println("device " + meta.get("device"));
        Path runDir = request.runDir();
        if (request.rankBy() != null) {
            request.rankBy().checkBeforeSearch(request.proxies(), runDir);
        }
        boolean local = request.remote() == null;
        ProbeSettings settings = request.settings();
        // the prober first: if it cannot be built, no run directory is left behind
        try (ArchProber prober = local ? probers.prober(data, settings, request.threads(), request.mode(),
                request.memory(), request.proxies()) : null;
                ResultStore store = ResultStore.openForSearch(runDir);
                TimingCache cache = prober instanceof PrefixSweep ? timingCache.apply(w -> err.println("convprobe: warning: " + w))
                        : TimingCache.disabled()) {
            boolean resumed = store.begin(config, meta, candidates, w -> err.println("convprobe: warning: " + w));
            String timingLine = "";
            if (prober instanceof PrefixSweep sweep) { // throughput and conv algorithms from the run's timing table
                LayerTimer timer = sweep.newTimer();
                LayerTimingTable.Start start = store.layerTimings().timings(timer,
                        TimingCache.Key.current(request.threads(), timer.batchSize()), request.conv(), cache, request.retime());
                sweep.useTimings(start.timings());
                timingLine = request.retime() ? String.format(Locale.ROOT, "search: --retime: measuring every layer shape "
                        + "the run's store lacks (%,d rows in it)%s%n", start.fromRun(), cache.enabled()
                        ? "; the timing cache " + cache.file() + " gets the new rows" : "")
                        : start.fromCache() > 0 ? String.format(Locale.ROOT, "search: timing table: %,d rows copied from "
                        + "the timing cache %s (--retime measures afresh)%n", start.fromCache(), cache.file()) : "";
            }
            if (local) {
                checkMemory();
            }
            long before = store.trialCount();
            err.printf(Locale.ROOT, "search: %s %s (%,d candidates, %s %s, %,d trials stored)%n",
                    resumed ? "resuming" : "new run", runDir, candidates.count(), data.name(), data.imageShape(), before);
            err.print(timingLine);
            SearchCounts counts = local ? runStrategy(store, prober) : runRemote(store);
            List<ArchAggregate> all = store.aggregates();
            RankScore score = RankScore.resolve(request.rankBy(), all, runDir);
            List<ArchAggregate> scored = Fitness.score(all, request.fitnessWeight(), score.name());
            ResultsCsv.write(runDir.resolve(ResultsCsv.FILE), scored);
            return new Outcome(config, counts, resumed, score, scored, Fitness.top(scored, 10));
        }
    }

    /**
     * The budget against what the process already holds before its first network (the JVM,
     * libtorch, the probe images, the timing table's work): said, and refused when too little is left
     * for any network to run.
     */
    private void checkMemory() {
        MemoryGovernor g = MemoryGovernor.of(request.memory());
        if (!g.bounded()) {
            return;
        }
        long now = g.settle();
        ProbeSettings s = request.settings();
        String images = String.format(Locale.ROOT, "%,d probe images of %s", s.trainSize() + s.testSize(),
                data.imageShape());
        if (now + 2 * WorkingSet.SLACK > g.usable()) {
            throw new UserException(String.format(Locale.ROOT, "--max-memory %s: this search holds %s before its first "
                    + "network (the JVM, libtorch and %s); give --max-memory %s or more", request.memory(),
                    MemorySize.mb(now), images, MemoryReport.suggest(now + (now >> 1))));
        }
        err.printf(Locale.ROOT, "search: memory budget %s; %s in use before the first network (the JVM, libtorch, %s); "
                + "the cache of shared activations takes what each network leaves%n", request.memory().describe(),
                MemorySize.mb(now), images);
    }

    /** The strategy in this JVM: probers per fidelity (the full one is {@code prober}), closed at the end. */
    private SearchCounts runStrategy(ResultStore store, ArchProber prober) {
        SearchStrategy strategy = request.strategy();
        ProbeSettings settings = request.settings();
        boolean upFront = Strategies.upFront(strategy);
        Map<List<Integer>, ArchProber> byFidelity = new LinkedHashMap<>();
        byFidelity.put(List.of(settings.trainSize(), settings.testSize()), prober);
        // the strategy tables only for the strategies that keep rungs and history (an exhaustive run's store has none)
        StrategyTables tables = upFront ? null : new StrategyTables(store);
        Consumer<String> log = line -> err.println("search: " + line);
        StrategyContext ctx = new StrategyContext(request.space(), data.imageShape(), request.ratio(), store, tables,
                settings, (train, test) -> byFidelity.computeIfAbsent(List.of(train, test), k -> probers.prober(data,
                        new ProbeSettings(train, test, settings.trials(), settings.minAccuracy(), settings.minThroughput(),
                                settings.seed(), settings.batchSize(), settings.throughputWeight()),
                        request.threads(), request.mode(), request.memory())),
                progress, log);
        Path runDir = request.runDir();
        Supplier<String> message = upFront ? () -> String.format(Locale.ROOT,
                "interrupted: %,d trials stored in %s; re-run the same command to resume",
                ctx.lastRun() == null ? 0 : ctx.lastRun().storedTrials(), runDir)
                : () -> "interrupted: every completed probe is stored in " + runDir + "; re-run the same command to resume";
        try {
            return Interrupts.reporting(message, err, () -> {
                strategy.run(ctx);
                if (upFront) {
                    logRounds(ctx.lastRun(), prober, log);
                } else {
                    err.printf(Locale.ROOT, "search: %,d image-passes spent (train + test images per trial, every "
                            + "fidelity)%n", tables.imagePasses(settings.trainSize(), settings.testSize()));
                }
                return store.counts();
            });
        } finally {
            byFidelity.values().stream().filter(p -> p != prober).forEach(ArchProber::close);
        }
    }

    /** Where the time went, to hold against {@code --dry-run}'s estimate. */
    private static void logRounds(SearchRun run, ArchProber prober, Consumer<String> log) {
        if (run == null || run.rounds().isEmpty()) {
            return;
        }
        double table = 0;
        String parts = "";
        if (prober instanceof PrefixSweep sweep) {
            PrefixSweep.Time t = sweep.time();
            table = sweep.timings() != null ? sweep.timings().measureSeconds() : 0;
            parts = String.format(Locale.ROOT, "; features %.1f s, ridge %.1f s, proxies %.1f s; cached activations "
                    + "at most %s", t.features(), t.scoring(), t.proxies(),
                    MemorySize.mb(sweep.memory().largestCacheBytes()));
        }
        log.accept(SearchRun.Round.describe(run.rounds(), table) + parts);
    }

    private SearchCounts runRemote(ResultStore store) {
        Remote r = request.remote();
        Path runDir = request.runDir();
        SearchJob job = new SearchJob(r.recipe(), TrialPolicy.of(request.settings()), data.imageShape(),
                request.settings(), r.threads(), r.shardDepth(), r.master(), r.conf());
        Interrupts.say(() -> "interrupted: every completed shard is stored in " + runDir
                + "; re-run the same command to resume");
        return r.engine().run(job, store, progress, line -> err.println("search: " + line));
    }

    /** The run's metadata (versions, threads, mode): warned about, not refused, when it changes on resume. */
    private Map<String, String> meta() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("convprobe_version", Version.convprobe());
        meta.put("djl_version", Version.djl());
        meta.put("pytorch_version", Version.pytorch());
        meta.put("threads", Integer.toString(request.threads()));
        meta.put("mode", request.mode().name());
        meta.put("engine", request.remote() == null ? "local" : request.remote().name());
        meta.put("device", io.convprobe.nn.EngineDevice.describe());
        if (request.mode() == ProberFactory.Mode.sweep) {
            meta.put("conv", request.conv().name().toLowerCase(Locale.ROOT));
        }
        if (request.remote() == null) { // Spark executors decide their own, from their environment's oneDNN cap
            meta.put("layout", io.convprobe.nn.ChannelsLast.layout());
        }
        if (request.archsFile() != null) {
            meta.put("archs_file", request.archsFile().toString());
        }
        return meta;
    }

    private static void checkSize(Dataset data, Split split, int wanted, String flag) {
        int have = data.size(split);
        if (have < wanted) {
            throw new UserException(flag + " " + wanted + ": dataset " + data.name() + " has only " + have + " "
                    + split.key() + " images");
        }
    }

    /** Thresholds as typed: 25 not 25.0. */
    public static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
