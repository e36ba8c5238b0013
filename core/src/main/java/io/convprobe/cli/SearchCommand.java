package io.convprobe.cli;

import ai.djl.ndarray.NDManager;
import io.convprobe.UserException;
import io.convprobe.Version;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.data.Dataset;
import io.convprobe.data.Split;
import io.convprobe.probe.ArchProber;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.ShapeInference;
import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.EngineThreads;
import io.convprobe.nn.LayerShape;
import io.convprobe.probe.LayerTimer;
import io.convprobe.probe.LayerTimings;
import io.convprobe.probe.LinearProbe;
import io.convprobe.probe.PrefixSweep;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.probe.ProxyCost;
import io.convprobe.proxy.Proxies;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.ArchStatus;
import io.convprobe.search.Candidates;
import io.convprobe.search.CostModel;
import io.convprobe.search.Fitness;
import io.convprobe.search.Progress;
import io.convprobe.search.ResidentMemory;
import io.convprobe.search.ResultStore;
import io.convprobe.search.ResultsCsv;
import io.convprobe.search.SearchConfig;
import io.convprobe.search.SearchCounts;
import io.convprobe.search.SearchEngine;
import io.convprobe.search.SearchJob;
import io.convprobe.search.SearchRun;
import io.convprobe.search.ShardPlan;
import io.convprobe.search.TrialPolicy;
import io.convprobe.search.StrategyTables;
import io.convprobe.search.strategy.Objective;
import io.convprobe.search.strategy.SearchStrategy;
import io.convprobe.search.strategy.Strategies;
import io.convprobe.search.strategy.StrategyContext;
import io.convprobe.space.RatioRange;
import io.convprobe.space.RichSpace;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convprobe search}: the random-weight screen. Every candidate gets trial 0; those at or
 * above both thresholds get the remaining trials. Results go to {@code results.db} (resumable)
 * and {@code results.csv} in the run directory; the end prints counts and the top 10 by fitness.
 * Ctrl-C keeps every completed trial (the JVM exits with 130); re-running the same command on the
 * same {@code --run} resumes.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Screen a space of architectures with random-weight networks and a ridge probe.",
            "Trial 0 for every valid architecture; below --min-accuracy or --min-throughput it stops",
            "there, otherwise trials 1..T-1 with new weights.",
            "Results: RUN/results.db (resumable) and RUN/results.csv."},
        footer = {"", "Re-running the same command with the same --run resumes: stored trials are not recomputed;",
            "a different configuration is refused. Ctrl-C loses at most the architecture in flight (exit 130).",
            "", "Examples:",
            "  convprobe search --sample 200 --seed 1 --run runs/screen1",
            "  convprobe search --kernels 3,5 --strides 1,2 --dilations 1 --trials 3",
            "  convprobe search --archs picks.txt --dataset cifar10 --train-size 5000 --test-size 1000",
            "  convprobe search --layers 4 --engine spark --master 'local[2]' --run runs/big   (docs/scale-out.md)"})
public final class SearchCommand implements Callable<Integer>, TakesGradients {
    /** Where the search gets its data and prober; tests substitute a fake. */
    interface Backend {
        Dataset open(DatasetOptions options);

        ArchProber prober(Dataset data, ProbeSettings settings, int threads, Mode mode, long cacheBytes);

        /** A prober that also computes {@code proxies}; fakes that store none may keep the default. */
        default ArchProber prober(Dataset data, ProbeSettings settings, int threads, Mode mode, long cacheBytes,
                Proxies proxies) {
            return prober(data, settings, threads, mode, cacheBytes);
        }
    }

    /** How the search runs the probe. */
    enum Mode {
        /** Depth-first over shared prefixes, throughput timed first on a few batches (the default). */
        sweep,
        /** Each network alone, throughput over the whole feature pass (the reference's way). */
        single
    }

    /** The one place the search constructs its prober. */
    static ArchProber newProber(Dataset data, ProbeSettings settings, int threads, Mode mode) {
        return newProber(data, settings, threads, mode, PrefixSweep.Options.DEFAULT.cacheBytes());
    }

    static ArchProber newProber(Dataset data, ProbeSettings settings, int threads, Mode mode, long cacheBytes) {
        return newProber(data, settings, threads, mode, cacheBytes, Proxies.none());
    }

    static ArchProber newProber(Dataset data, ProbeSettings settings, int threads, Mode mode, long cacheBytes,
            Proxies proxies) {
        EngineThreads.set(threads);
        return mode == Mode.single ? new LinearProbe(data, settings, NDManager.newBaseManager(), proxies)
                : new PrefixSweep(data, settings,
                        new PrefixSweep.Options(
                                PrefixSweep.Options.DEFAULT.timingBatches(), cacheBytes),
                        NDManager.newBaseManager(), proxies);
    }

    private static final Backend REAL = new Backend() {
        @Override
        public Dataset open(DatasetOptions options) {
            return options.open();
        }

        @Override
        public ArchProber prober(Dataset data, ProbeSettings settings, int threads, Mode mode, long cacheBytes) {
            return newProber(data, settings, threads, mode, cacheBytes);
        }

        @Override
        public ArchProber prober(Dataset data, ProbeSettings settings, int threads, Mode mode, long cacheBytes,
                Proxies proxies) {
            return newProber(data, settings, threads, mode, cacheBytes, proxies);
        }
    };

    @Mixin SpaceOptions spaceOptions;
    @Mixin DatasetOptions dataOptions;

    @Option(names = "--sample", paramLabel = "N", description = "Probe N distinct valid specs drawn at random (with --seed) instead of the whole space (= --strategy random --budget N).")
    Integer sample;

    @Option(names = "--strategy", defaultValue = "exhaustive", paramLabel = "NAME",
            description = "exhaustive (every spec, default), random (--budget networks), halving (successive halving over "
                    + "probe fidelity, --budget image-passes) or evolution (regularized evolution, --budget networks).")
    String strategyName;

    @Option(names = "--budget", paramLabel = "N", description = "random/evolution: networks to probe; halving: image-passes "
            + "(train + test images per trial, e.g. 2000000).")
    Long budget;

    @Option(names = "--eta", defaultValue = "3", paramLabel = "ETA", description = "halving: keep the best 1/ETA of each rung, "
            + "ETA times more images on the next (default ${DEFAULT-VALUE}).")
    int eta;

    @Option(names = "--min-images", defaultValue = "100", paramLabel = "N",
            description = "halving: train and test images of rung 0 (default ${DEFAULT-VALUE}).")
    int minImages;

    @Option(names = "--population", defaultValue = "50", paramLabel = "P", description = "evolution: population size (default ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--tournament", defaultValue = "10", paramLabel = "S", description = "evolution: members drawn per cycle, the best is mutated (default ${DEFAULT-VALUE}).")
    int tournament;

    @Option(names = "--objective", defaultValue = "fitness", paramLabel = "NAME",
            description = "halving/evolution rank by: fitness (the published one, default), accuracy, or a stored proxy's name.")
    String objective;

    @Option(names = "--search-seed", paramLabel = "S", description = "Seed of the strategy's choices (sample, mutations; default: --seed). "
            + "--seed alone also changes the random weights.")
    Long searchSeed;

    @Mixin ProbeOptions probe;

    @Option(names = "--archs", paramLabel = "FILE", description = "Probe the specs in FILE (one per line, any spec form; # comments) instead of a space.")
    Path archs;

    @Option(names = "--min-accuracy", defaultValue = "25", paramLabel = "PCT", description = "Cut after trial 0 below this test accuracy, percent (default ${DEFAULT-VALUE}).")
    double minAccuracy;

    @Option(names = "--min-throughput", defaultValue = "200", paramLabel = "IMG/S", description = "Cut after trial 0 below this throughput, images/s (default ${DEFAULT-VALUE}).")
    double minThroughput;

    @Option(names = "--fitness-weight", defaultValue = "0.3", paramLabel = "W", description = "Fitness = norm(accuracy) + W * norm(throughput) (default ${DEFAULT-VALUE}).")
    double fitnessWeight;

    @Option(names = "--rank-by", paramLabel = "SCORE", description = "Score the fitness, the top 10 and results.csv's "
            + "fitness use: ridge (probe accuracy, the published protocol), any stored proxy, or combined after "
            + "validate --apply (default: " + io.convprobe.search.RankScore.DEFAULT_HELP + ").")
    String rankBy; // null: RankScore.defaultFor(the run's architectures)

    @Option(names = "--mode", defaultValue = "sweep", paramLabel = "MODE",
            description = "sweep: share the work of common layer prefixes and time each network on 4 batches before its "
                    + "features (cut below --min-throughput without features; default); single: each network alone, "
                    + "throughput over the whole feature pass, as the reference does.")
    Mode mode;

    @Option(names = "--conv", defaultValue = "measured", paramLabel = "ALGO",
            description = "sweep only: how convs are computed for features. measured: per layer shape the faster of "
                    + "libtorch's direct convolution and an FFT convolution, by a one-time measurement kept in the run's "
                    + "timing table (results agree with direct within float32 rounding); direct: always libtorch's "
                    + "(features bit-identical with --mode single). Default ${DEFAULT-VALUE}.", converter = ConvChoice.class)
    LayerTimings.Choice conv;

    /** {@code measured} / {@code direct} (also {@code fft}: every conv through the FFT, for checks). */
    static final class ConvChoice implements picocli.CommandLine.ITypeConverter<LayerTimings.Choice> {
        @Override
        public LayerTimings.Choice convert(String v) {
            try {
                return LayerTimings.Choice.valueOf(v.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected measured, direct or fft, got '" + v + "'");
            }
        }
    }

    @Option(names = "--dry-run", description = "Print the candidate count, the distinct layer shapes and an estimated "
            + "time (cost model on the timing table, measured here), and probe nothing.")
    boolean dryRun;

    @Option(names = "--fill-timings", description = "With --dry-run and --run: keep the timing table it measures in "
            + "that run's store (the run is created), so the search reuses it.")
    boolean fillTimings;

    @Option(names = "--max-memory", defaultValue = "2g", paramLabel = "SIZE",
            description = "Most memory the sweep's cached activations may hold, e.g. 512m or 4g (default ${DEFAULT-VALUE}); "
                    + "deeper levels are recomputed instead.")
    String maxMemory;

    @Option(names = "--run", paramLabel = "DIR", description = "Run directory (default runs/<timestamp>-search); an existing one resumes.")
    Path run;

    @Option(names = "--json", description = "Print the counts and the top 10 as JSON.")
    boolean json;

    @Option(names = "--engine", defaultValue = "local", paramLabel = "ENGINE",
            description = "local: probe in this JVM (default); spark: shards of the space as Apache Spark tasks, "
                    + "results written here by the driver (docs/scale-out.md).")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "--engine spark: local[N], local[N,RETRIES], "
            + "spark://HOST:PORT, yarn or k8s://URL (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--spark-conf", paramLabel = "K=V", description = "--engine spark: a Spark setting, "
            + "e.g. spark.executor.memory=8g (repeatable).")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--shard-depth", defaultValue = "" + ShardPlan.DEFAULT_DEPTH, paramLabel = "D",
            description = "--engine spark: one task per run of architectures sharing their first D conv layers "
                    + "(default ${DEFAULT-VALUE}).")
    int shardDepth;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    private final Backend backend;
    private final Progress progress;

    public SearchCommand() {
        this(REAL, null);
    }

    SearchCommand(Backend backend, Progress progress) {
        this.backend = backend;
        this.progress = progress;
    }

    @Override
    public boolean takesFloat32Gradients() {
        return probe.proxies().float32Gradients();
    }

    @Override
    public Integer call() {
        PrintWriter out = cmd.commandLine().getOut();
        PrintStream err = System.err;
        if (sample != null && archs != null) {
            throw new UserException("--sample and --archs exclude each other");
        }
        if (sample != null && (budget != null || !strategyName.equals("exhaustive"))) {
            throw new UserException("--sample N is --strategy random --budget N: give one or the other");
        }
        boolean local = engine.equals("local");
        if (local && (master != null || !sparkConf.isEmpty())) {
            throw new UserException("--master and --spark-conf need --engine spark");
        }
        SearchEngine remote = local ? null : SearchEngine.named(engine); // before any run dir exists
        int nThreads = local || probe.threads != null ? probe.threads()
                : Integer.parseInt(sparkConf.getOrDefault("spark.task.cpus", "1"));
        if (!(fitnessWeight >= 0)) {
            throw new UserException("--fitness-weight must be >= 0, got " + fitnessWeight);
        }
        ProbeSettings settings = probe.settings(minAccuracy, minThroughput, fitnessWeight);
        Proxies proxies = probe.proxies();
        Path runDir = run != null ? run
                : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-search");
        try (Dataset data = backend.open(dataOptions)) {
            Shape input = data.imageShape();
            checkSize(data, Split.TRAIN, settings.trainSize(), "--train-size");
            checkSize(data, Split.TEST, settings.testSize(), "--test-size");
            RatioRange ratio = spaceOptions.ratioRange();
            RichSpace rich = archs != null ? null : spaceOptions.richSpace();
            SearchStrategy strategy = archs != null ? null
                    : Strategies.of(sample != null ? "random" : strategyName, sample != null ? Long.valueOf(sample) : budget,
                            searchSeed != null ? searchSeed : settings.seed(), eta, minImages, population, tournament,
                            new Objective(objective, fitnessWeight));
            if (!local && strategy != null && !Strategies.upFront(strategy)) {
                throw new UserException("--engine " + engine + " runs exhaustive, random and --archs searches; "
                        + "--strategy halving and evolution run locally");
            }
            if (rich != null && rich.hasNorm()) {
                throw new UserException("--norms bn: the random-weight probe cannot run batch norm (use it with "
                        + "'convprobe space' to count and sample)");
            }
            Candidates candidates = archs != null ? Candidates.listed(archs, input, ratio)
                    : strategy.candidates(rich, input, ratio);
            SearchConfig config = new SearchConfig(data.name(), input, settings, candidates.describe(), proxies.describe());
            if (dryRun) {
                printEstimate(out, data, candidates, input, settings, nThreads, config);
                return 0;
            }
            Map<String, String> meta = runMeta(nThreads);
            err.println("device " + meta.get("device"));
            if (rankBy != null) {
                io.convprobe.search.RankScore.checkBeforeSearch(rankBy.trim(), config.canonical().get("proxies"), runDir);
            }
            // the prober first: if it cannot be built, no run directory is left behind
            try (ArchProber prober = local ? backend.prober(data, settings, nThreads, mode, bytes(maxMemory), proxies)
                    : null;
                    ResultStore store = ResultStore.openForSearch(runDir)) {
                boolean resumed = store.begin(config, meta, candidates, w -> err.println("convprobe: warning: " + w));
                if (prober instanceof PrefixSweep sweep) { // throughput and conv algorithms from the run's timing table
                    sweep.useTimings(store.layerTimings().timings(sweep.newTimer(), nThreads, conv));
                }
                long before = store.trialCount();
                err.printf(Locale.ROOT, "search: %s %s (%,d candidates, %s %s, %,d trials stored)%n",
                        resumed ? "resuming" : "new run", runDir, candidates.count(), data.name(), input, before);
                SearchCounts counts = !local ? runOn(remote, store, settings, input, runDir, err)
                        : strategy == null || Strategies.upFront(strategy) ? probeAll(store, prober, settings, runDir, err)
                        : runStrategy(strategy, store, prober, data, settings, nThreads, rich, input, ratio, runDir, err);
                List<ArchAggregate> all = store.aggregates();
                String score = rankBy == null ? io.convprobe.search.RankScore.defaultFor(all)
                        : io.convprobe.search.RankScore.check(rankBy, all, runDir);
                List<ArchAggregate> scored = Fitness.score(all, fitnessWeight, score);
                ResultsCsv.write(runDir.resolve(ResultsCsv.FILE), scored);
                List<ArchAggregate> top = Fitness.top(scored, 10);
                if (json) {
                    Map<String, Object> summary = jsonSummary(runDir, resumed, counts, top);
                    summary.put("rank_by", score);
                    out.println(Json.write(summary));
                } else {
                    printSummary(out, runDir, config, counts, top, score);
                }
                long peak = ResidentMemory.peakBytes();
                if (peak > 0) {
                    err.printf(Locale.ROOT, "search: peak resident memory %,d MB (--max-memory %s for cached activations)%n",
                            peak >> 20, maxMemory);
                }
                out.flush();
                if (counts.failed() > 0) {
                    err.printf("convprobe: %,d architectures failed (see the archs.error column); re-run the same "
                            + "command to retry them%n", counts.failed());
                    return 1;
                }
                return 0;
            }
        }
    }

    private SearchCounts probeAll(ResultStore store, ArchProber prober, ProbeSettings settings, Path runDir,
            PrintStream err) {
        SearchRun search = new SearchRun(store, prober, TrialPolicy.of(settings),
                progress != null ? progress : Progress.stderr(), line -> err.println("search: " + line));
        // On Ctrl-C/kill the JVM runs this while the search thread may be mid-trial: every
        // committed trial is already durable, the one in flight is rolled back by SQLite.
        Supplier<String> message = () -> String.format(Locale.ROOT,
                "interrupted: %,d trials stored in %s; re-run the same command to resume", search.storedTrials(), runDir);
        Main.ON_INTERRUPT.set(message);
        Thread hook = new Thread(() -> {
            if (Main.INTERRUPT_REPORTED.compareAndSet(false, true)) { // kill (SIGTERM): Ctrl-C reports in Main
                err.printf("%nconvprobe: %s%n", message.get());
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            SearchCounts counts = search.run();
            if (!search.rounds().isEmpty()) {
                double table = 0;
                String parts = "";
                if (prober instanceof PrefixSweep sweep) { // where it went, to hold against --dry-run's estimate
                    PrefixSweep.Time t = sweep.time();
                    table = sweep.timings() != null ? sweep.timings().measureSeconds() : 0;
                    parts = String.format(Locale.ROOT, "; features %.1f s, ridge %.1f s, proxies %.1f s", t.features(),
                            t.scoring(), t.proxies());
                }
                err.println("search: " + SearchRun.Round.describe(search.rounds(), table) + parts);
            }
            return counts;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it reports the interruption
            }
        }
    }

    /** A budgeted strategy: probers per fidelity (the full one is {@code prober}), closed at the end. */
    private SearchCounts runStrategy(SearchStrategy strategy, ResultStore store, ArchProber prober, Dataset data,
            ProbeSettings settings, int threads, RichSpace space, Shape input, RatioRange ratio, Path runDir,
            PrintStream err) {
        Map<List<Integer>, ArchProber> probers = new LinkedHashMap<>();
        probers.put(List.of(settings.trainSize(), settings.testSize()), prober);
        StrategyTables tables = new StrategyTables(store);
        StrategyContext ctx = new StrategyContext(space, input, ratio, store, tables, settings,
                (train, test) -> probers.computeIfAbsent(List.of(train, test), k -> backend.prober(data,
                        new ProbeSettings(train, test, settings.trials(), settings.minAccuracy(), settings.minThroughput(),
                                settings.seed(), settings.batchSize(), settings.throughputWeight()),
                        threads, mode, bytes(maxMemory))),
                progress != null ? progress : Progress.stderr(), line -> err.println("search: " + line));
        Supplier<String> message = () -> "interrupted: every completed probe is stored in " + runDir
                + "; re-run the same command to resume";
        Main.ON_INTERRUPT.set(message);
        Thread hook = new Thread(() -> {
            if (Main.INTERRUPT_REPORTED.compareAndSet(false, true)) {
                err.printf("%nconvprobe: %s%n", message.get());
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            strategy.run(ctx);
            err.printf(Locale.ROOT, "search: %,d image-passes spent (train + test images per trial, every fidelity)%n",
                    tables.imagePasses(settings.trainSize(), settings.testSize()));
            return store.counts();
        } finally {
            probers.values().stream().filter(p -> p != prober).forEach(ArchProber::close);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook reports the interruption
            }
        }
    }

    /** The search on another engine; this JVM is its driver and the store's only writer. */
    private SearchCounts runOn(SearchEngine remote, ResultStore store, ProbeSettings settings, Shape input, Path runDir,
            PrintStream err) {
        SearchProberRecipe recipe = new SearchProberRecipe(dataOptions.name(),
                dataOptions.dataDir() == null ? null : dataOptions.dataDir().toAbsolutePath().toString(),
                dataOptions.resize, settings, mode, bytes(maxMemory), probe.proxies().describe());
        SearchJob job = new SearchJob(recipe, TrialPolicy.of(settings), input, settings, probe.threads, shardDepth,
                master, sparkConf);
        Main.ON_INTERRUPT.set(() -> "interrupted: every completed shard is stored in " + runDir
                + "; re-run the same command to resume");
        return remote.run(job, store, progress != null ? progress : Progress.stderr(),
                line -> err.println("search: " + line));
    }

    private static void checkSize(Dataset data, Split split, int wanted, String flag) {
        int have = data.size(split);
        if (have < wanted) {
            throw new UserException(flag + " " + wanted + ": dataset " + data.name() + " has only " + have + " "
                    + split.key() + " images");
        }
    }

    /**
     * {@code --dry-run}: counts, the distinct layer shapes, and the cost model's estimate for trial 0
     * and for all trials. The model needs the timing table: with {@code --run} it is filled into that
     * run's store (the search then reuses it), otherwise measured in memory and dropped.
     */
    private void printEstimate(PrintWriter out, Dataset data, Candidates candidates, Shape input, ProbeSettings settings,
            int threads, SearchConfig config) {
        EngineThreads.set(threads);
        List<ArchSpec> valid = new ArrayList<>();
        long[] invalid = new long[1];
        candidates.forEach(c -> {
            if (c.status() == ArchStatus.PENDING) {
                valid.add(c.spec());
            } else {
                invalid[0]++;
            }
        });
        if (valid.isEmpty()) {
            throw new UserException("nothing to probe: no candidate is valid for " + input);
        }
        List<ArchSummary> summaries = valid.stream().map(v -> ShapeInference.infer(v, input)).toList();
        int shapes = LayerShape.distinct(summaries).size();
        out.printf(Locale.ROOT, "candidates        %,d  (%s)%n", candidates.count(), candidates.describe());
        out.printf(Locale.ROOT, "not probed        %,d  (shape-invalid or ratio out of range)%n", invalid[0]);
        out.printf(Locale.ROOT, "to probe          %,d  on %s, %d/%d images, %d threads%n", valid.size(), input,
                settings.trainSize(), settings.testSize(), threads);
        out.printf(Locale.ROOT, "layer shapes      %,d distinct (input shape, layer): the timing table's rows%n", shapes);
        out.flush();
        long t0 = System.nanoTime();
        CostModel.Estimate e;
        int stored;
        double tableSeconds;
        java.io.StringWriter shardLines = null;
        try (NDManager m = NDManager.newBaseManager()) {
            LayerTimer timer = new LayerTimer(settings.batchSize(), PrefixSweep.TABLE_BATCHES, m);
            LayerTimings table;
            ResultStore store = null;
            try {
                if (fillTimings) {
                    if (run == null) {
                        throw new UserException("--fill-timings needs --run DIR (the run whose store keeps the table)");
                    }
                    store = ResultStore.openForSearch(run);
                    store.begin(config, runMeta(threads), candidates, w -> System.err.println("convprobe: warning: " + w));
                    table = store.layerTimings().timings(timer, threads, conv);
                } else {
                    table = new LayerTimings(timer, Map.of(), LayerTimings.Sink.NONE, conv);
                }
                stored = table.rows().size();
                table.fill(summaries);
                CostModel model = CostModel.calibrate(settings.trainSize(), table);
                e = model.estimate(valid, input, settings, probe.proxies());
                if (!engine.equals("local")) { // every shape is in the table now: the shards' estimates measure nothing
                    shardLines = new java.io.StringWriter();
                    ShardEstimate.print(new PrintWriter(shardLines), candidates, shardDepth, model, input, settings, threads);
                }
            } finally {
                if (store != null) {
                    store.close();
                }
            }
            out.printf(Locale.ROOT, "timing table      %,d rows stored, %,d measured now in %.1f s%s%n", stored,
                    table.measuredCount(), table.measureSeconds(), fillTimings ? " (kept in " + run + ")" : "");
            // without --fill-timings the search measures the same rows again (the model leaves them out)
            tableSeconds = fillTimings ? 0 : table.measureSeconds();
            long fft = table.rows().entrySet().stream().filter(r -> r.getValue().algorithm() == ConvAlgorithm.FFT).count();
            out.printf(Locale.ROOT, "conv algorithm    %,d layer shapes to FFT, the rest direct (--conv %s)%n", fft,
                    conv.name().toLowerCase(Locale.ROOT));
        }
        // the model prices layers and ridge fits; the proxies are measured on five candidates spread
        // over the list (the first five in space order are among the largest networks: on a
        // 2,000-network 3x96x96 sample they priced the proxies at 115 s, measured 76 s)
        Proxies proxies = probe.proxies();
        List<ArchSpec> spread = new ArrayList<>();
        for (int i = 0; i < Math.min(5, valid.size()); i++) {
            spread.add(valid.get((int) ((long) i * (valid.size() - 1) / Math.max(1, Math.min(5, valid.size()) - 1))));
        }
        double proxyEach = ProxyCost.perTrial(data, settings, proxies, spread);
        double proxySeconds = proxyEach * (e.archs() - e.cut());
        double trial0 = e.seconds() + proxySeconds + tableSeconds;
        double later = e.laterTrialSeconds() + proxySeconds; // no table after trial 0
        double calib = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "work, trial 0     %,d cut on table throughput below %s img/s; %.3g conv MACs (shared "
                + "prefixes once), %.3g Gram MACs%n", e.cut(), plain(minThroughput), e.convMacs(), e.gramMacs());
        out.printf(Locale.ROOT, "estimate, trial 0 %s  (%.0f s = features %.0f + ridge %.0f + re-measuring the cut %.0f + "
                + "proxies %.0f (%s) + timing table %.0f%s; model built here in %.1f s)%n", Progress.duration(trial0), trial0,
                e.layerSeconds(), e.seconds() - e.layerSeconds() - e.cutSeconds(), e.cutSeconds(), proxySeconds,
                proxies.isEmpty() ? "none" : proxies.describe(), tableSeconds, fillTimings ? ", its rows stored" : "", calib);
        double all = trial0 + later * (settings.trials() - 1);
        out.printf(Locale.ROOT, "estimate, all     %s  (%.0f s) if every architecture passed trial 0 (%d trials); the "
                + "real time lies between the two%n", Progress.duration(all), all, settings.trials());
        if (shardLines != null) {
            out.print(shardLines);
        }
        out.flush();
    }

    /** The run's metadata (versions, threads, mode): warned about, not refused, when it changes on resume. */
    private Map<String, String> runMeta(int nThreads) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("convprobe_version", Version.convprobe());
        meta.put("djl_version", Version.djl());
        meta.put("pytorch_version", Version.pytorch());
        meta.put("threads", Integer.toString(nThreads));
        meta.put("mode", mode.name());
        meta.put("engine", engine);
        meta.put("device", io.convprobe.nn.EngineDevice.describe());
        if (mode == Mode.sweep) {
            meta.put("conv", conv.name().toLowerCase(Locale.ROOT));
        }
        if (archs != null) {
            meta.put("archs_file", archs.toString());
        }
        return meta;
    }

    /** Parses {@code 512m}, {@code 4g}, {@code 1000000} (bytes). */
    static long bytes(String size) {
        String t = size.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            mult = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = (long) (Double.parseDouble(t) * mult);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UserException("--max-memory '" + size + "': expected a size such as 512m or 4g");
        }
    }

    private void printSummary(PrintWriter out, Path runDir, SearchConfig config, SearchCounts c,
            List<ArchAggregate> top, String score) {
        out.printf(Locale.ROOT, "run               %s%n", runDir);
        out.printf(Locale.ROOT, "dataset           %s %s, first %,d train / %,d test images%n", config.dataset(),
                config.input(), config.settings().trainSize(), config.settings().testSize());
        out.printf(Locale.ROOT, "candidates        %,d  (%s)%n", c.candidates(), config.candidates());
        out.printf(Locale.ROOT, "invalid shape     %,d%n", c.invalidShape());
        out.printf(Locale.ROOT, "ratio out of range %,d%n", c.ratioOutOfRange());
        out.printf(Locale.ROOT, "cut by threshold  %,d  (trial 0 below %s %% accuracy or %s img/s)%n", c.cut(),
                plain(minAccuracy), plain(minThroughput));
        out.printf(Locale.ROOT, "fully tested      %,d  (%d trials)%n", c.full(), config.settings().trials());
        if (c.failed() > 0) {
            out.printf(Locale.ROOT, "failed            %,d%n", c.failed());
        }
        if (c.pending() > 0) {
            out.printf(Locale.ROOT, "pending           %,d%n", c.pending());
        }
        out.printf(Locale.ROOT, "results           %s, %s%n", runDir.resolve(ResultsCsv.FILE),
                runDir.resolve(ResultStore.DB_FILE));
        out.println();
        if (top.isEmpty()) {
            out.println("no fully tested architectures to rank");
            return;
        }
        boolean ridge = score.equals(io.convprobe.search.RankScore.RIDGE);
        out.printf(Locale.ROOT, "top %d by fitness = norm(%s) + %s * norm(throughput), over the fully tested%n",
                top.size(), ridge ? "accuracy" : score, plain(fitnessWeight));
        List<String> headers = new ArrayList<>(List.of("kernel", "stride", "dilation", "throughput", "accuracy", "ratio"));
        if (!ridge) {
            headers.add(score);
        }
        TextTable t = new TextTable(headers.toArray(String[]::new));
        for (ArchAggregate a : top) {
            List<String> row = new ArrayList<>(List.of(joined(a.kernels()), joined(a.strides()), joined(a.dilations()),
                    String.format(Locale.ROOT, "%.0f", a.throughput()),
                    String.format(Locale.ROOT, "%.2f %%", a.accuracy()),
                    String.format(Locale.ROOT, "%.7f", a.ratio())));
            if (!ridge) {
                row.add(String.format(Locale.ROOT, "%.6g", io.convprobe.search.RankScore.of(a, score)));
            }
            t.row(row.toArray(String[]::new));
        }
        out.print(t.render());
    }

    private static String joined(List<Integer> v) {
        return v.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static Map<String, Object> jsonSummary(Path runDir, boolean resumed, SearchCounts c,
            List<ArchAggregate> top) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("candidates", c.candidates());
        counts.put("invalid_shape", c.invalidShape());
        counts.put("ratio_out_of_range", c.ratioOutOfRange());
        counts.put("cut", c.cut());
        counts.put("full", c.full());
        counts.put("failed", c.failed());
        counts.put("pending", c.pending());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ArchAggregate a : top) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("spec", a.spec());
            m.put("kernels", a.kernels());
            m.put("strides", a.strides());
            m.put("dilations", a.dilations());
            m.put("throughput", a.throughput());
            m.put("accuracy", a.accuracy());
            m.put("min_accuracy", a.minAccuracy());
            m.put("max_accuracy", a.maxAccuracy());
            m.put("std_accuracy", a.stdAccuracy());
            m.put("train_accuracy", a.trainAccuracy());
            m.put("ratio", a.ratio());
            m.put("params", a.params());
            m.put("macs", a.macs());
            m.put("train_time", a.ridgeSeconds());
            m.put("fitness", a.fitness());
            Map<String, Object> px = new LinkedHashMap<>();
            a.proxies().forEach((k, v) -> px.put(k, Double.isNaN(v) ? null : v));
            m.put("proxies", px);
            rows.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", runDir.toString());
        m.put("resumed", resumed);
        m.put("counts", counts);
        m.put("top", rows);
        return m;
    }

    /** Thresholds as typed: 25 not 25.0. */
    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
