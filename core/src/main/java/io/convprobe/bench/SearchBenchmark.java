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

/**
 * convprobe's two ways of probing a list of architectures (trial 0, no threshold cut, so both do
 * the same work): (a) one network at a time ({@link LinearProbe}), (b) the shared-prefix sweep
 * ({@link PrefixSweep}). Wall time covers the probe loop only (images are loaded before the clock
 * starts, as the reference's own timing excludes its image generation). Also checks that the two
 * give the same accuracies (the sweep's FFT convs agree within float32 rounding, so a rare tie may
 * flip) and compares the sweep's timing-table throughput with the full standalone timing.
 */
public final class SearchBenchmark {
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
}
