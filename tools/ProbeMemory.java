import io.convprobe.arch.Shape;
import io.convprobe.data.Dataset;
import io.convprobe.data.Datasets;
import io.convprobe.nn.EngineThreads;
import io.convprobe.probe.LinearProbe;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.space.RatioRange;
import io.convprobe.space.SearchSpace;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Probes N random seed-space architectures on fashion-mnist-mini (500/500 images, one trial each)
 * and prints the process's resident memory every 100 architectures: it must stay flat. With a
 * second argument {@code sweep}, the same specs in space order through one PrefixSweep; a third
 * names another dataset (e.g. {@code random:3x96x96}), a fourth the engine threads (default 1) and
 * a fifth the conv choice ({@code measured}, the default, or {@code direct}). Fix the heap
 * (-Xms = -Xmx, pre-touched) so that RSS changes are native memory.
 *
 * <pre>java -Xms384m -Xmx384m -XX:+AlwaysPreTouch -Dai.djl.offline=true -cp "core/target/convprobe.jar:core/target/lib/*" \
 *     tools/ProbeMemory.java 2000 [sweep [DATASET [THREADS [CONV]]]]</pre>
 */
public final class ProbeMemory {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        String dataset = args.length > 2 ? args[2] : "fashion-mnist-mini";
        EngineThreads.set(args.length > 3 ? Integer.parseInt(args[3]) : 1);
        SearchSpace space = SearchSpace.seed();
        Shape in;
        try (Dataset ds = Datasets.open(dataset, null)) {
            in = ds.imageShape();
        }
        long[] idx = space.sample(n, 1, in, RatioRange.parse("0,1"));
        long start = System.nanoTime();
        if (args.length > 1 && args[1].equals("sweep")) {
            java.util.Arrays.sort(idx);
            try (Dataset ds = Datasets.open(dataset, null);
                    io.convprobe.probe.PrefixSweep p = new io.convprobe.probe.PrefixSweep(ds, ProbeSettings.PUBLISHED,
                            io.convprobe.probe.PrefixSweep.Options.DEFAULT.with(args.length > 4
                                    ? io.convprobe.probe.LayerTimings.Choice.valueOf(args[4].toUpperCase(java.util.Locale.ROOT))
                                    : io.convprobe.probe.LayerTimings.Choice.MEASURED),
                            ai.djl.ndarray.NDManager.newBaseManager())) {
                int[] done = {0};
                for (int from = 0; from < idx.length; from += 100) {
                    java.util.List<io.convprobe.arch.ArchSpec> specs = new java.util.ArrayList<>();
                    for (int i = from; i < Math.min(idx.length, from + 100); i++) {
                        specs.add(space.spec(idx[i]));
                    }
                    p.run(specs, 0, 0, (s, r) -> done[0]++);
                    System.out.printf("%5d archs  %6.0f s  RSS %s%n", done[0], (System.nanoTime() - start) / 1e9, rss());
                }
            }
            return;
        }
        try (Dataset ds = Datasets.open(dataset, null);
                LinearProbe p = new LinearProbe(ds, ProbeSettings.PUBLISHED)) {
            for (int i = 0; i < idx.length; i++) {
                p.probe(space.spec(idx[i]), 0);
                if (i % 100 == 0 || i == idx.length - 1) {
                    System.out.printf("%5d archs  %6.0f s  RSS %s%n", i + 1, (System.nanoTime() - start) / 1e9, rss());
                }
            }
        }
    }

    private static String rss() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .findFirst().orElse("?").replaceAll("VmRSS:\\s+", "");
    }
}
