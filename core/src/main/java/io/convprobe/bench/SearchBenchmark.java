package io.convprobe.bench;

import io.convprobe.probe.SweepFloor;
import io.convprobe.probe.SweepSplit;
import io.convprobe.arch.ArchSpec;
import io.convprobe.data.Dataset;
import io.convprobe.memory.MemoryBudget;
import io.convprobe.memory.MemoryGovernor;
import io.convprobe.memory.MemorySize;
import io.convprobe.probe.LinearProbe;
import io.convprobe.probe.PrefixSweep;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.stats.RankCorrelation;
import io.convprobe.probe.TrialResult;
import io.convprobe.arch.ShapeInference;
import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.EngineThreads;
import io.convprobe.nn.LayerShape;
import io.convprobe.probe.LayerTiming;
import io.convprobe.probe.LayerTimings;
import io.convprobe.store.TimingCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import io.convprobe.Version;
import io.convprobe.TextTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * convprobe's two ways of probing a list of architectures (trial 0, no threshold cut, so both do
 * the same work): (a) one network at a time ({@link LinearProbe}), (b) the shared-prefix sweep
 * ({@link PrefixSweep}). Wall time covers the probe loop only (images are loaded before the clock
 * starts, as the reference's own timing excludes its image generation). Also checks that the two
 * give the same accuracies (the sweep's FFT convs agree within float32 rounding, so a rare tie may
 * flip) and compares the sweep's timing-table throughput with the full standalone timing.
 */
public final class SearchBenchmark {
    /** Valid networks of the seed space on 3x96x96: what the extrapolation scales the slab to. */
    static final int SEED_SPACE_VALID = 32_021;
    static final String DOC_START = "<!-- bench-search:start -->";
    static final String DOC_END = "<!-- bench-search:end -->";

    /**
     * Wall seconds of (a) and of each run of (b), the accuracies' agreement, and the two throughput
     * measurements (the full pass of (a), the first sweep run's timing table).
     */
    public record Result(int archs, double singleSeconds, double[] fullThroughput, double[] shortThroughput,
            int layerShapes, int fftShapes, List<SweepRun> sweeps) {

        /** The first sweep run's wall seconds (a first run on this machine when the table was cold). */
        public double sweepSeconds() {
            return sweeps.get(0).seconds();
        }

        public PrefixSweep.Stats sweepStats() {
            return sweeps.get(0).stats();
        }

        /** Architectures whose accuracies differ from (a)'s, the most over the sweep runs. */
        public int accuracyMismatches() {
            return sweeps.stream().mapToInt(SweepRun::accuracyMismatches).max().orElse(0);
        }

        public double maxTestImagesOff() {
            return sweeps.stream().mapToDouble(SweepRun::maxTestImagesOff).max().orElse(0);
        }

        public double sweepSpeedup() {
            return singleSeconds / sweepSeconds();
        }

        /** Median of table / full throughput over the architectures. */
        public double medianShortOverFull() {
            double[] r = new double[archs];
            for (int i = 0; i < archs; i++) {
                r[i] = shortThroughput[i] / fullThroughput[i];
            }
            Arrays.sort(r);
            return archs % 2 == 1 ? r[archs / 2] : (r[archs / 2 - 1] + r[archs / 2]) / 2;
        }

        /** Spearman ρ between the table and the full throughput: does the table rank networks alike? (NaN for one) */
        public double shortFullSpearman() {
            return archs < 2 ? Double.NaN : RankCorrelation.spearman(shortThroughput, fullThroughput);
        }
    }

    /**
     * Where the sweep side's timing table comes from, as in {@code convprobe search}: each run starts
     * from the rows of the per-user timing cache ({@link TimingCache}) for this process's key and
     * adds the rows it measures to it, so its seconds are a first run's (table cold) or a later
     * run's (warm) on this machine.
     *
     * @param cache  the per-user timing cache ({@link TimingCache#disabled()}: every run starts from
     *               the rows the runs before it in this benchmark measured, the first from none)
     * @param retime the first run measures every layer shape (a first run on this machine), replacing
     *               the cache's rows with its readings
     * @param runs   sweeps one after the other, each a new {@link PrefixSweep} (nothing cached between
     *               them but the table's rows), so {@code --retime} with 2 runs gives both figures
     */
    public record SweepRuns(TimingCache cache, boolean retime, int runs, MemoryBudget memory) {
        public SweepRuns {
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1, got " + runs);
            }
        }

        /** Within the automatic memory budget, as {@code search} runs by default. */
        public SweepRuns(TimingCache cache, boolean retime, int runs) {
            this(cache, retime, runs, MemoryBudget.AUTO);
        }

        /** One run, no per-user cache: the table measured from empty. */
        public static SweepRuns once() {
            return new SweepRuns(TimingCache.disabled(), false, 1);
        }
    }

    /**
     * One sweep run: wall seconds, its stats, the timing-table rows it started with (copied from the
     * cache or an earlier run) and measured, and its accuracies against one at a time.
     */
    public record SweepRun(double seconds, PrefixSweep.Stats stats, int rowsKnown, int accuracyMismatches,
            double maxTestImagesOff, MemoryUse memory) {
        /** {@code cold} (no row known), {@code warm} (nothing measured) or {@code partly warm}. */
        public String table() {
            return rowsKnown == 0 ? "cold" : stats.conv().measuredShapes() == 0 ? "warm" : "partly warm";
        }

        /** Wall seconds over the floor's ({@link SweepFloor}). */
        public double overFloor() {
            return seconds / stats.floor().seconds();
        }
    }

    /** What one sweep run did to stay within its budget: the cache's peak and the governor's trims. */
    public record MemoryUse(long budget, long largestCacheBytes, int trims, double trimSeconds) {
        static MemoryUse between(MemoryGovernor.Stats before, PrefixSweep.Memory after) {
            MemoryGovernor.Stats a = after.governor();
            return new MemoryUse(a.budget(), after.largestCacheBytes(), a.trims() - before.trims(),
                    a.trimSeconds() - before.trimSeconds());
        }

        String describe() {
            if (budget == Long.MAX_VALUE) {
                return String.format(Locale.ROOT, "no budget, cache up to %s", MemorySize.mb(largestCacheBytes));
            }
            return String.format(Locale.ROOT, "budget %s, cache up to %s, %,d trims (%.1f s)", MemorySize.mb(budget),
                    MemorySize.mb(largestCacheBytes), trims, trimSeconds);
        }
    }

    private SearchBenchmark() {}

    /**
     * The proxies' cost in a search: wall seconds of the sweep (trial 0, no cut) without proxies and
     * with them, alternating plain, proxied, plain, proxied (each after a warm-up on another trial),
     * and the proxied sweeps' own proxy seconds ({@link PrefixSweep.Stats#proxySeconds}).
     */
    public record ProxyOverhead(String proxies, double plainSeconds, double proxiedSeconds, double proxyOwnSeconds) {
        /** Extra wall time with the proxies, as a fraction of the plain sweep's. */
        public double overhead() {
            return proxiedSeconds / plainSeconds - 1;
        }
    }

    public static ProxyOverhead proxyOverhead(Dataset data, List<ArchSpec> specs, io.convprobe.proxy.Proxies proxies,
            Consumer<String> log) {
        ProbeSettings settings = new ProbeSettings(500, 500, 1, 0, 0, 0, 32, 0.3);
        double[] wall = new double[2];
        double own = 0;
        for (int round = 0; round < 4; round++) {
            int side = round % 2; // 0 plain, 1 proxied
            io.convprobe.proxy.Proxies p = side == 0 ? io.convprobe.proxy.Proxies.none() : proxies;
            try (PrefixSweep sweep = new PrefixSweep(data, settings, PrefixSweep.Options.DEFAULT,
                    ai.djl.ndarray.NDManager.newBaseManager(), p)) {
                sweep.probe(specs.get(0), 1);
                long t0 = System.nanoTime();
                PrefixSweep.Stats st = sweep.run(specs, 0, 0, (spec, r) -> { });
                double s = (System.nanoTime() - t0) / 1e9;
                wall[side] += s;
                own += st.proxySeconds();
                log.accept(String.format(java.util.Locale.ROOT, "sweep %s: %.1f s", side == 0 ? "without proxies"
                        : "with " + proxies.describe(), s));
            }
        }
        return new ProxyOverhead(proxies.describe(), wall[0] / 2, wall[1] / 2, own / 2);
    }

    /** One sweep run with its table measured from empty (no per-user cache). */
    public static Result run(Dataset data, List<ArchSpec> specs, Consumer<String> log) {
        return run(data, specs, SweepRuns.once(), log);
    }

    public static Result run(Dataset data, List<ArchSpec> specs, SweepRuns runs, Consumer<String> log) {
        ProbeSettings settings = new ProbeSettings(500, 500, 1, 0, 0, 0, 32, 0.3);
        List<TrialResult> single = new ArrayList<>();
        double singleSeconds;
        try (LinearProbe probe = new LinearProbe(data, settings)) {
            probe.probe(specs.get(0), 0); // warm-up: engine start and first allocations, untimed
            long t0 = System.nanoTime();
            for (ArchSpec s : specs) {
                single.add(probe.probe(s, 0));
                if (single.size() % 50 == 0) {
                    log.accept(String.format("one at a time: %d/%d", single.size(), specs.size()));
                }
            }
            singleSeconds = (System.nanoTime() - t0) / 1e9;
        }
        log.accept(String.format("one at a time: %.1f s", singleSeconds));
        try (PrefixSweep warm = new PrefixSweep(data, settings)) {
            // engine and JIT warm-up in a sweep with a table of its own: the timed runs' tables start
            // from the timing cache's rows only
            warm.probe(specs.get(0), 1);
        }
        TimingCache.Key key = TimingCache.Key.current(EngineThreads.get(), settings.batchSize());
        List<SweepRun> sweeps = new ArrayList<>();
        Map<LayerShape, LayerTiming> earlier = new HashMap<>(); // rows the runs before measured or used
        double[] shortT = new double[specs.size()];
        int layerShapes = 0;
        int fftShapes = 0;
        for (int run = 0; run < runs.runs(); run++) {
            Map<LayerShape, LayerTiming> known = new HashMap<>(earlier);
            if (run > 0 || !runs.retime()) {
                known.putAll(runs.cache().load(key));
            }
            List<TrialResult> swept = new ArrayList<>();
            double seconds;
            PrefixSweep.Stats stats;
            MemoryUse memory;
            try (PrefixSweep sweep = new PrefixSweep(data, settings, PrefixSweep.Options.DEFAULT.with(runs.memory()),
                    ai.djl.ndarray.NDManager.newBaseManager())) {
                TimingCache cache = runs.cache();
                sweep.useTimings(new LayerTimings(sweep.newTimer(), known, (shape, t) -> cache.put(key, shape, t),
                        LayerTimings.Choice.MEASURED));
                MemoryGovernor.Stats before = sweep.memory().governor();
                long t0 = System.nanoTime();
                stats = sweep.run(specs, 0, 0, (spec, r) -> swept.add(r));
                seconds = (System.nanoTime() - t0) / 1e9;
                memory = MemoryUse.between(before, sweep.memory());
                earlier.putAll(sweep.timings().rows());
                if (run == 0) {
                    layerShapes = (int) LayerShape.distinct(specs.stream()
                            .map(s -> ShapeInference.infer(s, data.imageShape())).toList()).size();
                    fftShapes = (int) LayerShape.distinct(specs.stream()
                            .map(s -> ShapeInference.infer(s, data.imageShape())).toList()).stream()
                            .filter(l -> sweep.timings().rows().get(l).algorithm() == ConvAlgorithm.FFT).count();
                }
            }
            int mismatches = 0;
            double maxOff = 0;
            for (int i = 0; i < specs.size(); i++) {
                TrialResult a = single.get(i);
                TrialResult b = swept.get(i);
                if (a.testAccuracy() != b.testAccuracy() || a.trainAccuracy() != b.trainAccuracy()) {
                    mismatches++;
                }
                maxOff = Math.max(maxOff, Math.abs(a.testAccuracy() - b.testAccuracy()) * settings.testSize() / 100);
                if (run == 0) {
                    shortT[i] = b.throughput();
                }
            }
            SweepRun r = new SweepRun(seconds, stats, known.size(), mismatches, maxOff, memory);
            sweeps.add(r);
            log.accept(String.format(Locale.ROOT, "shared-prefix sweep, run %d (timing table %s, %d shapes measured): "
                    + "%.1f s", run + 1, r.table(), stats.conv().measuredShapes(), seconds));
        }
        double[] full = single.stream().mapToDouble(TrialResult::throughput).toArray();
        return new Result(specs.size(), singleSeconds, full, shortT, layerShapes, fftShapes, sweeps);
    }

    /** The sides' table, the sweep's parts and floor, and the extrapolation, as printed and written to the docs. */
    public static String table(Result r, PeerRunner.Result peer, String peerNote) {
        TextTable t = new TextTable("side", "wall s", "archs/hour", "vs reference");
        double perHourPeer = peer == null ? Double.NaN : 3600 * peer.archs() / peer.wallSeconds();
        if (peer != null) {
            t.row("reference (peer_probe.py)", fmt(peer.wallSeconds()), String.format("%,.0f", perHourPeer), "1.00x");
        }
        row(t, "convprobe, one at a time", r.singleSeconds(), r.archs(), perHourPeer);
        for (int i = 0; i < r.sweeps().size(); i++) {
            SweepRun s = r.sweeps().get(i);
            row(t, "convprobe, shared-prefix sweep, table " + s.table() + (i > 0 ? ", run " + (i + 1) : ""),
                    s.seconds(), r.archs(), perHourPeer);
        }
        StringBuilder sb = new StringBuilder("\n").append(t.render()).append('\n');
        sb.append(String.format(Locale.ROOT, "sweep vs one at a time: %.2fx; accuracies differing between them: %d of %d "
                + "(at most %.0f test image%s off)%n", r.sweepSpeedup(), r.accuracyMismatches(), r.archs(),
                r.maxTestImagesOff(), r.maxTestImagesOff() == 1 ? "" : "s"));
        for (int i = 0; i < r.sweeps().size(); i++) {
            SweepRun s = r.sweeps().get(i);
            PrefixSweep.Stats st = s.stats();
            SweepFloor f = st.floor();
            String which = r.sweeps().size() == 1 ? "sweep" : "sweep run " + (i + 1);
            sb.append(String.format(Locale.ROOT, "%s: timing table %s (%,d rows from the timing cache, %d layer shapes "
                    + "measured) %.1f s, features %.1f s, ridge scoring %.1f s%n", which, s.table(), s.rowsKnown(),
                    st.conv().measuredShapes(), st.timingSeconds(), st.featureSeconds(), st.scoreSeconds()));
            sb.append(String.format(Locale.ROOT, "%s %.1f s = %.2fx its floor of %.1f s = convolutions %.1f s + "
                    + "activations %.1f s (both measured in the sweep) + Gram products %.1f s (measured in "
                    + "the ridge)%n", which, s.seconds(), s.overFloor(), f.seconds(), f.convSeconds(),
                    f.activationSeconds(), f.gramSeconds()));
            sb.append(which).append(" memory: ").append(s.memory().describe()).append('\n');
        }
        if (r.sweeps().size() > 1) {
            // Measured 2026-12-06: the default budget's run 2 read 29-32 s this way, and 40-49 s as run 1 of
            // a new process with the same warm table (docs/benchmarks.md).
            sb.append("sweep runs 2 on: in this process, after run 1, whose blocks glibc's heap still holds "
                    + "(reused without page faults); a later search is a new process: for its figure, run this "
                    + "command again without --retime\n");
        }
        SweepSplit c = r.sweepStats().conv();
        sb.append(String.format(Locale.ROOT, "conv algorithm: %d of %d layer shapes to FFT; in the features, direct %.1f s "
                + "(%,d layer-batches), FFT %.1f s (%,d layer-batches)%n", r.fftShapes(), r.layerShapes(),
                c.directSeconds(), c.directBatches(), c.fftSeconds(), c.fftBatches()));
        sb.append(String.format(Locale.ROOT, "throughput, timing table (images / sum of layer times) / full pass (1,000 "
                + "images, one at a time): median %.2f, Spearman rho %.2f (goal: within 10 %%, rho >= 0.95)%n",
                r.medianShortOverFull(), r.shortFullSpearman()));
        double fullSpaceHours = SEED_SPACE_VALID * r.sweepSeconds() / r.archs() / 3600;
        sb.append(String.format(Locale.ROOT, "extrapolated: trial 0 of the whole seed space (%,d valid on 3x96x96) "
                + "with the sweep: %.1f h%n", SEED_SPACE_VALID, fullSpaceHours));
        if (peer == null) {
            sb.append("reference: ").append(peerNote).append('\n');
        }
        return sb.toString();
    }

    private static void row(TextTable t, String side, double seconds, int archs, double perHourPeer) {
        double perHour = 3600 * archs / seconds;
        t.row(side, fmt(seconds), String.format("%,.0f", perHour),
                Double.isNaN(perHourPeer) ? "" : String.format(Locale.ROOT, "%.2fx", perHour / perHourPeer));
    }

    /** What the proxies add to the sweep, one line. */
    public static String proxyLine(ProxyOverhead o) {
        return String.format(Locale.ROOT, "proxies %s: sweep %.1f s without, %.1f s with (%+.1f %%; the proxies' own "
                + "time %.1f s), mean of 2 alternating runs each%n", o.proxies(), o.plainSeconds(), o.proxiedSeconds(),
                100 * o.overhead(), o.proxyOwnSeconds());
    }

    private static String fmt(double s) {
        return String.format(Locale.ROOT, "%.1f", s);
    }

    /** Replaces the marked section of {@code file} (or appends one) with this run's results. */
    public static void writeDocs(Path file, String table) throws IOException {
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", "
                + cpuModel() + ", Java " + System.getProperty("java.version") + ", convprobe " + Version.convprobe()
                + " (DJL " + Version.djl() + ", PyTorch " + Version.pytorch() + ")";
        String section = DOC_START + "\nMeasured " + LocalDate.now() + " on " + machine + " with `./convprobe bench search"
                + " --write-docs docs/benchmarks.md`:\n\n```" + table + "```\n" + DOC_END;
        DocsSection.write(file, DOC_START, DOC_END, section);
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave the model out
        }
        return "unknown CPU";
    }
}
