package io.convprobe.bench;

import io.convprobe.arch.ArchSpec;
import io.convprobe.data.Dataset;
import io.convprobe.probe.LinearProbe;
import io.convprobe.probe.PrefixSweep;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.stats.RankCorrelation;
import io.convprobe.probe.TrialResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /** Wall seconds of (a) and (b), their accuracies, and the two throughput measurements. */
    public record Result(int archs, double singleSeconds, double sweepSeconds, int accuracyMismatches,
            double[] fullThroughput, double[] shortThroughput, PrefixSweep.Stats sweepStats, double maxTestImagesOff,
            int layerShapes, int fftShapes) {

        public double sweepSpeedup() {
            return singleSeconds / sweepSeconds;
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

        /** Spearman ρ between the table and the full throughput: does the table rank networks alike? */
        public double shortFullSpearman() {
            return RankCorrelation.spearman(shortThroughput, fullThroughput);
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

    public static Result run(Dataset data, List<ArchSpec> specs, Consumer<String> log) {
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
        List<TrialResult> swept = new ArrayList<>();
        double sweepSeconds;
        PrefixSweep.Stats stats;
        int layerShapes;
        int fftShapes;
        try (PrefixSweep warm = new PrefixSweep(data, settings)) {
            warm.probe(specs.get(0), 1); // engine and JIT warm-up in a sweep of its own: the timed one starts with an empty table
        }
        try (PrefixSweep sweep = new PrefixSweep(data, settings)) {
            long t0 = System.nanoTime();
            stats = sweep.run(specs, 0, 0, (spec, r) -> swept.add(r));
            sweepSeconds = (System.nanoTime() - t0) / 1e9;
            layerShapes = sweep.timings().rows().size();
            fftShapes = (int) sweep.timings().rows().values().stream()
                    .filter(t -> t.algorithm() == io.convprobe.nn.ConvAlgorithm.FFT).count();
        }
        log.accept(String.format("shared-prefix sweep: %.1f s", sweepSeconds));
        int mismatches = 0;
        double maxOff = 0;
        double[] full = new double[specs.size()];
        double[] shortT = new double[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            TrialResult a = single.get(i);
            TrialResult b = swept.get(i);
            if (a.testAccuracy() != b.testAccuracy() || a.trainAccuracy() != b.trainAccuracy()) {
                mismatches++;
            }
            maxOff = Math.max(maxOff, Math.abs(a.testAccuracy() - b.testAccuracy()) * settings.testSize() / 100);
            full[i] = a.throughput();
            shortT[i] = b.throughput();
        }
        return new Result(specs.size(), singleSeconds, sweepSeconds, mismatches, full, shortT, stats, maxOff,
                layerShapes, fftShapes);
    }

    /** The sides' table, the sweep's parts and the extrapolation, as printed and written to the docs. */
    public static String table(Result r, PeerRunner.Result peer, String peerNote) {
        TextTable t = new TextTable("side", "wall s", "archs/hour", "vs reference");
        double perHourSingle = 3600 * r.archs() / r.singleSeconds();
        double perHourSweep = 3600 * r.archs() / r.sweepSeconds();
        String vsSingle = "";
        String vsSweep = "";
        if (peer != null) {
            double perHourPeer = 3600 * peer.archs() / peer.wallSeconds();
            vsSingle = String.format(Locale.ROOT, "%.2fx", perHourSingle / perHourPeer);
            vsSweep = String.format(Locale.ROOT, "%.2fx", perHourSweep / perHourPeer);
            t.row("reference (peer_probe.py)", fmt(peer.wallSeconds()), String.format("%,.0f", perHourPeer), "1.00x");
        }
        t.row("convprobe, one at a time", fmt(r.singleSeconds()), String.format("%,.0f", perHourSingle), vsSingle);
        t.row("convprobe, shared-prefix sweep", fmt(r.sweepSeconds()), String.format("%,.0f", perHourSweep), vsSweep);
        StringBuilder sb = new StringBuilder("\n").append(t.render()).append('\n');
        sb.append(String.format(Locale.ROOT, "sweep vs one at a time: %.2fx; accuracies differing between them: %d of %d "
                + "(at most %.0f test image%s off)%n", r.sweepSpeedup(), r.accuracyMismatches(), r.archs(),
                r.maxTestImagesOff(), r.maxTestImagesOff() == 1 ? "" : "s"));
        PrefixSweep.Stats st = r.sweepStats();
        PrefixSweep.Split c = st.conv();
        sb.append(String.format(Locale.ROOT, "sweep's time: timing table %.1f s (%d layer shapes measured), features %.1f s, "
                + "ridge scoring %.1f s%n", st.timingSeconds(), c.measuredShapes(), st.featureSeconds(), st.scoreSeconds()));
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
