import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.data.Dataset;
import io.convprobe.data.Datasets;
import io.convprobe.nn.EngineThreads;
import io.convprobe.probe.LinearProbe;
import io.convprobe.probe.PrefixSweep;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.probe.TrialResult;
import io.convprobe.space.RatioRange;
import io.convprobe.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * Wall time of probing the first N valid seed-space specs (space order, one trial, 500/500 images)
 * one by one with LinearProbe and in one PrefixSweep, and whether their accuracies agree.
 *
 * <pre>java -Dai.djl.offline=true -cp "core/target/convprobe.jar:core/target/lib/*" tools/SweepBench.java DATASET N [THREADS] [FIRST]</pre>
 */
public final class SweepBench {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        EngineThreads.set(args.length > 2 ? Integer.parseInt(args[2]) : 1);
        long first = args.length > 3 ? Long.parseLong(args[3]) : 0;
        try (Dataset ds = Datasets.open(args[0], null)) {
            Shape in = ds.imageShape();
            SearchSpace space = SearchSpace.seed();
            List<ArchSpec> specs = new ArrayList<>();
            for (long i : space.validIndices(in, RatioRange.DEFAULT)) {
                if (i >= first && specs.size() < n) {
                    specs.add(space.spec(i));
                }
            }
            ProbeSettings settings = ProbeSettings.PUBLISHED;
            List<TrialResult> alone = new ArrayList<>();
            List<TrialResult> swept = new ArrayList<>();
            long t0 = System.nanoTime();
            try (LinearProbe p = new LinearProbe(ds, settings)) {
                for (ArchSpec s : specs) {
                    alone.add(p.probe(s, 0));
                }
            }
            long t1 = System.nanoTime();
            try (PrefixSweep sweep = new PrefixSweep(ds, settings)) {
                PrefixSweep.Stats st = sweep.run(specs, 0, 0, (s, r) -> swept.add(r));
                System.out.println("sweep stats " + st);
            }
            long t2 = System.nanoTime();
            int differ = 0;
            double ridge = 0;
            for (int i = 0; i < specs.size(); i++) {
                if (alone.get(i).testAccuracy() != swept.get(i).testAccuracy()
                        || alone.get(i).trainAccuracy() != swept.get(i).trainAccuracy()) {
                    differ++;
                }
                ridge += swept.get(i).ridgeSeconds();
            }
            System.out.printf("%d specs from %s (%s): LinearProbe %.1f s, PrefixSweep %.1f s (%.2fx), ridge in sweep %.1f s,"
                    + " accuracies differing: %d%n", specs.size(), specs.get(0), in, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    (double) (t1 - t0) / (t2 - t1), ridge, differ);
        }
    }
}
