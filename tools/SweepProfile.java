import io.convprobe.arch.ArchSpec;
import io.convprobe.bench.BenchSlab;
import io.convprobe.data.Dataset;
import io.convprobe.data.Datasets;
import io.convprobe.nn.EngineThreads;
import io.convprobe.probe.PrefixSweep;
import io.convprobe.probe.ProbeSettings;
import java.util.List;

/**
 * Where the shared-prefix sweep's time goes on the search benchmark's slab (3x96x96 random images,
 * 500/500, trial 0, no cut): standalone throughput timing, features, ridge scoring.
 *
 * <pre>java -Dai.djl.offline=true -cp "core/target/convprobe.jar:core/target/lib/*" tools/SweepProfile.java [N] [THREADS]</pre>
 */
public final class SweepProfile {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : Integer.MAX_VALUE;
        EngineThreads.set(args.length > 1 ? Integer.parseInt(args[1]) : 2);
        List<ArchSpec> specs = BenchSlab.specs();
        specs = specs.subList(0, Math.min(n, specs.size()));
        ProbeSettings settings = new ProbeSettings(500, 500, 1, 0, 0, 0, 32, 0.3);
        try (Dataset ds = Datasets.open("random:3x96x96:1000", null);
                PrefixSweep sweep = new PrefixSweep(ds, settings)) {
            sweep.probe(specs.get(0), 1);
            long t0 = System.nanoTime();
            PrefixSweep.Stats st = sweep.run(specs, 0, 0, (s, r) -> { });
            double wall = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%d archs: wall %.1f s = timing %.1f + features %.1f + scoring %.1f (+ %.1f other)%n",
                    specs.size(), wall, st.timingSeconds(), st.featureSeconds(), st.scoreSeconds(),
                    wall - st.timingSeconds() - st.featureSeconds() - st.scoreSeconds());
        }
    }
}
