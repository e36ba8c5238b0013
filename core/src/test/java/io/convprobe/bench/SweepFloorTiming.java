package io.convprobe.bench;

import io.convprobe.probe.SweepFloor;
import io.convprobe.arch.ArchSpec;
import io.convprobe.data.RandomImages;
import io.convprobe.nn.EngineThreads;
import io.convprobe.probe.LayerTimings;
import io.convprobe.probe.PrefixSweep;
import io.convprobe.probe.ProbeSettings;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: the bench slab's sweep alone (no one-at-a-time side, no reference), its table filled
 * before the clock (a warm timing cache), run {@code runs} times, each run's parts against its floor.
 * Run: java -Dai.djl.offline=true -cp core/target/classes:core/target/test-classes:core/target/lib/* \
 *   io.convprobe.bench.SweepFloorTiming [limit] [runs]
 */
public final class SweepFloorTiming {
    private SweepFloorTiming() {
    }

    public static void main(String[] args) {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 130;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        EngineThreads.set(2);
        List<ArchSpec> specs = BenchSlab.specs();
        specs = specs.subList(0, Math.min(limit, specs.size()));
        ProbeSettings settings = new ProbeSettings(500, 500, 1, 0, 0, 0, 32, 0.3);
        try (RandomImages data = new RandomImages(BenchSlab.INPUT, 500)) {
            LayerTimings table;
            try (PrefixSweep warm = new PrefixSweep(data, settings)) {
                warm.probe(specs.get(0), 1);
                table = warm.timings();
                table.fill(specs.stream().map(s -> io.convprobe.arch.ShapeInference.infer(s, data.imageShape())).toList());
            }
            for (int run = 0; run < runs; run++) {
                try (PrefixSweep sweep = new PrefixSweep(data, settings)) {
                    sweep.useTimings(new LayerTimings(sweep.newTimer(), table.rows(), LayerTimings.Sink.NONE,
                            LayerTimings.Choice.MEASURED));
                    long t0 = System.nanoTime();
                    PrefixSweep.Stats st = sweep.run(specs, 0, 0, (s, r) -> { });
                    double wall = (System.nanoTime() - t0) / 1e9;
                    SweepFloor f = st.floor();
                    System.out.printf(Locale.ROOT, "run %d: %.2f s (table %.2f, features %.2f, ridge %.2f, other %.2f) "
                            + "floor %.2f s = conv %.2f + act %.2f + gram %.2f: %.3fx; features - conv - act %.2f, "
                            + "ridge - gram %.2f (%.1f ms per network)%n", run + 1, wall, st.timingSeconds(),
                            st.featureSeconds(), st.scoreSeconds(), wall - st.timingSeconds() - st.featureSeconds()
                            - st.scoreSeconds(), f.seconds(), f.convSeconds(), f.activationSeconds(), f.gramSeconds(),
                            wall / f.seconds(), st.featureSeconds() - f.convSeconds() - f.activationSeconds(),
                            st.scoreSeconds() - f.gramSeconds(), 1000 * (st.scoreSeconds() - f.gramSeconds()) / specs.size());
                }
            }
        }
    }
}
