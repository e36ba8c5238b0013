import io.convprobe.arch.Shape;
import io.convprobe.data.Dataset;
import io.convprobe.data.Datasets;
import io.convprobe.probe.EngineThreads;
import io.convprobe.probe.LinearProbe;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.space.RatioRange;
import io.convprobe.space.SearchSpace;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Probes N random seed-space architectures on fashion-mnist-mini (500/500 images, one trial each)
 * and prints the process's resident memory every 100 architectures: it must stay flat.
 *
 * <pre>java -Xmx1g -Dai.djl.offline=true -cp "target/convprobe.jar:target/lib/*" tools/ProbeMemory.java 2000</pre>
 */
public final class ProbeMemory {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        EngineThreads.set(1);
        SearchSpace space = SearchSpace.seed();
        Shape in = Shape.chw(1, 28, 28);
        long[] idx = space.sample(n, 1, in, RatioRange.parse("0,1"));
        long start = System.nanoTime();
        try (Dataset ds = Datasets.open("fashion-mnist-mini", null);
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
