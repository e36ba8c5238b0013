package io.convprobe.cli;

import io.convprobe.UserException;
import io.convprobe.cells.CellEngine;
import io.convprobe.cells.CellProber;
import io.convprobe.cells.CellRecipe;
import io.convprobe.cells.CellList;
import io.convprobe.cells.CellSearch;
import io.convprobe.cells.CellStrategy;
import io.convprobe.data.Dataset;
import io.convprobe.nn.EngineThreads;
import io.convprobe.report.CellSearchText;
import io.convprobe.probe.LayerTimings;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.proxy.Proxies;
import io.convprobe.report.SearchOutcomeText;
import io.convprobe.search.pipeline.ProberFactory;
import io.convprobe.search.Progress;
import io.convprobe.search.RankScore;
import io.convprobe.memory.MemoryBudget;
import io.convprobe.memory.MemoryReport;
import io.convprobe.memory.ResidentMemory;
import io.convprobe.search.SearchEngine;
import io.convprobe.search.pipeline.SearchProberRecipe;
import io.convprobe.search.pipeline.SearchSession;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convprobe search}: the random-weight screen. Every candidate gets trial 0; those at or
 * above both thresholds get the remaining trials. Results go to {@code results.db} (resumable)
 * and {@code results.csv} in the run directory; the end prints counts and the top 10 by fitness.
 * Ctrl-C keeps every completed trial (the JVM exits with 130); re-running the same command on the
 * same {@code --run} resumes. The flags become a {@link SearchSession.Request}; the session runs it.
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
    interface Backend extends ProberFactory {
        Dataset open(DatasetOptions options);
    }

    private static final class Real implements Backend {
        @Override
        public Dataset open(DatasetOptions options) {
            return options.open();
        }

        @Override
        public io.convprobe.probe.ArchProber prober(Dataset data, ProbeSettings settings, int threads, Mode mode,
                MemoryBudget memory) {
            return ProberFactory.REAL.prober(data, settings, threads, mode, memory);
        }

        @Override
        public io.convprobe.probe.ArchProber prober(Dataset data, ProbeSettings settings, int threads, Mode mode,
                MemoryBudget memory, Proxies proxies) {
            return ProberFactory.REAL.prober(data, settings, threads, mode, memory, proxies);
        }
    }

    @Mixin SpaceOptions spaceOptions;
    @Mixin DatasetOptions dataOptions;
    @Mixin StrategyOptions strategy;
    @Mixin ProbeOptions probe;
    @Mixin EngineOptions engine;

    @Option(names = "--min-accuracy", defaultValue = "25", paramLabel = "PCT", description = "Cut after trial 0 below this test accuracy, percent (default ${DEFAULT-VALUE}).")
    double minAccuracy;

    @Option(names = "--min-throughput", defaultValue = "200", paramLabel = "IMG/S", description = "Cut after trial 0 below this throughput, images/s (default ${DEFAULT-VALUE}).")
    double minThroughput;

    @Option(names = "--fitness-weight", defaultValue = "0.3", paramLabel = "W", description = "Fitness = norm(accuracy) + W * norm(throughput) (default ${DEFAULT-VALUE}).")
    double fitnessWeight;

    @Option(names = "--rank-by", paramLabel = "SCORE", description = "Score the fitness, the top 10 and results.csv's "
            + "fitness use: ridge (probe accuracy, the published protocol), any stored proxy, or combined after "
            + "validate --apply (default: " + RankScore.DEFAULT_HELP + ").")
    String rankBy; // null: RankScore.defaultFor(the run's architectures)

    @Option(names = "--mode", defaultValue = "sweep", paramLabel = "MODE",
            description = "sweep: share the work of common layer prefixes and time each network on 4 batches before its "
                    + "features (cut below --min-throughput without features; default); single: each network alone, "
                    + "throughput over the whole feature pass, as the reference does.")
    ProberFactory.Mode mode;

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

    @Option(names = "--retime", description = "Measure the layer timings afresh instead of copying them from the "
            + "per-user timing cache (which they then refresh). The cache is $CONVPROBE_CACHE, else "
            + "$XDG_CACHE_HOME/convprobe, else ~/.cache/convprobe (CONVPROBE_CACHE=off: none).")
    boolean retime;

    @Option(names = "--max-memory", defaultValue = "auto", paramLabel = "SIZE",
            description = "Most resident memory the whole process may use, e.g. 1g or 800m: JVM heap, libtorch's "
                    + "arrays, the cache of shared activations and what the allocator keeps, all together (what "
                    + "/usr/bin/time -v reports as maximum resident set size). The cache takes what the rest leaves; "
                    + "more memory buys speed, never different results. auto (default): a quarter of the machine's "
                    + "or container's memory, at most 1.25g; on --engine spark, each executor's own container.")
    String maxMemory;

    @Option(names = "--run", paramLabel = "DIR", description = "Run directory (default runs/<timestamp>-search); an existing one resumes.")
    Path run;

    @Option(names = "--json", description = "Print the counts and the top 10 as JSON.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    private final Backend backend;
    private final Progress progress;

    public SearchCommand() {
        this(new Real(), null);
    }

    SearchCommand(Backend backend, Progress progress) {
        this.backend = backend;
        this.progress = progress;
    }

    @Override
    public boolean takesFloat32Gradients() {
        // cell networks: batch norm in training mode and float32 labelled passes (ProxyNetwork.labelledType)
        return spaceOptions.isNb201() ? cellProxies().float32Gradients() || cellProxies().contains("zico")
                : probe.proxies().float32Gradients();
    }

    private Proxies cellProxies() {
        return given("--proxies") ? probe.proxies() : Proxies.parse(CellSearch.DEFAULT_PROXIES);
    }

    private boolean given(String option) {
        return cmd != null && cmd.commandLine().getParseResult() != null
                && cmd.commandLine().getParseResult().hasMatchedOption(option);
    }

    /**
     * {@code --preset nb201}: the cell screen ({@link CellSearch}), one network per unit of work, in
     * this JVM ({@code --threads}) or on an engine ({@code --engine spark}: one task per network).
     */
    private int cells(PrintWriter out, Path runDir) throws java.io.IOException {
        CellEngine remote = engine.cellEngine(); // before any run dir exists
        strategy.check();
        CellProber.Settings settings = new CellProber.Settings(probe.trainSize, probe.testSize, probe.seed,
                given("--batch-size") ? probe.batchSize : CellProber.Settings.DEFAULT.batchSize());
        Proxies proxies = cellProxies();
        CellSearch.Remote onEngine = remote == null ? null : new CellSearch.Remote(remote,
                new CellRecipe(dataOptions.name(), dataOptions.dataDir() == null ? null
                        : dataOptions.dataDir().toAbsolutePath().toString(), dataOptions.resize, settings,
                        proxies.describe(), CellProber.Readout.DEFAULT),
                new CellEngine.Options(probe.threads, engine.master, engine.sparkConf));
        CellSearch.Request request = new CellSearch.Request(spaceOptions.nb201(),
                strategy.archs != null ? new CellStrategy.Listed(CellList.read(strategy.archs, spaceOptions.nb201().c(),
                        spaceOptions.nb201().n()), strategy.archs.getFileName().toString())
                        : strategy.cellStrategy(probe.seed), settings, proxies, CellProber.Readout.DEFAULT,
                rankBy != null ? rankBy : CellSearch.DEFAULT_RANK, dataOptions.name(), runDir, onEngine);
        try (Dataset data = backend.open(dataOptions)) {
            CellSearch search = new CellSearch(request, data, progress != null ? progress : Progress.stderr(), System.err);
            if (remote == null || dryRun) {
                EngineThreads.set(probe.threads()); // the probes of this JVM
            }
            if (dryRun) {
                out.print(CellSearchText.dryRun(search.dryRun()));
                if (remote != null) {
                    out.printf("--engine %s: one task per network; the estimate is for this JVM, so divide it by the "
                            + "cluster's task slots (and expect each task's own threads to change the per-network time)%n",
                            engine.engine);
                }
                out.flush();
                return 0;
            }
            CellSearch.Outcome o = search.run();
            out.print(CellSearchText.outcome(runDir, o));
            out.flush();
            if (o.failed() > 0) {
                System.err.printf("convprobe: %,d networks failed on every attempt (see the log above); re-run the same "
                        + "command to retry them%n", o.failed());
                return 1;
            }
        }
        return 0;
    }

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = cmd.commandLine().getOut();
        PrintStream err = System.err;
        if (spaceOptions.isNb201()) {
            return cells(out, run != null ? run : Path.of("runs",
                    LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-nb201"));
        }
        strategy.check();
        SearchEngine remote = engine.remote(); // before any run dir exists
        int nThreads = engine.threads(probe);
        if (!(fitnessWeight >= 0)) {
            throw new UserException("--fitness-weight must be >= 0, got " + fitnessWeight);
        }
        ProbeSettings settings = probe.settings(minAccuracy, minThroughput, fitnessWeight);
        Proxies proxies = probe.proxies();
        Path runDir = run != null ? run
                : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-search");
        try (Dataset data = backend.open(dataOptions)) {
            SearchSession.Remote onEngine = remote == null ? null : new SearchSession.Remote(remote, engine.engine,
                    new SearchProberRecipe(dataOptions.name(), dataOptions.dataDir() == null ? null
                            : dataOptions.dataDir().toAbsolutePath().toString(), dataOptions.resize, settings, mode,
                            memoryBudget(), proxies),
                    probe.threads, engine.shardDepth, engine.master, engine.sparkConf);
            SearchSession.Request request = new SearchSession.Request(strategy.strategy(settings.seed(), fitnessWeight),
                    strategy.archs != null ? null : spaceOptions.richSpace(), strategy.archs, spaceOptions.ratioRange(),
                    settings, proxies, nThreads, mode, conv, memoryBudget(), runDir, RankScore.named(rankBy),
                    fitnessWeight, onEngine, retime);
            SearchSession session = new SearchSession(request, data, backend,
                    progress != null ? progress : Progress.stderr(), err);
            if (dryRun) {
                session.dryRun(out, fillTimings);
                return 0;
            }
            SearchSession.Outcome o = session.run();
            if (json) {
                out.println(Json.write(SearchOutcomeText.json(runDir, o)));
            } else {
                SearchOutcomeText.print(out, runDir, o, fitnessWeight);
            }
            if (remote == null) {
                err.println("search: " + MemoryReport.line(memoryBudget(), ResidentMemory.peakBytes()));
            }
            out.flush();
            if (o.counts().failed() > 0) {
                err.printf("convprobe: %,d architectures failed (see the archs.error column); re-run the same "
                        + "command to retry them%n", o.counts().failed());
                return 1;
            }
            return 0;
        }
    }

    private MemoryBudget memoryBudget() {
        return MemoryBudget.parse(maxMemory, "--max-memory");
    }
}
