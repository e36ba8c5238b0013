package io.convprobe.probe;

import ai.djl.ndarray.NDManager;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ShapeInference;
import io.convprobe.data.Dataset;
import io.convprobe.proxy.Proxies;
import io.convprobe.proxy.ProxyInput;
import java.util.Arrays;
import java.util.List;

/**
 * What the proxies add to a trial, measured: the median seconds of computing {@code proxies} for
 * each of a few networks (after one warm-up call). NASWOT runs its own forward pass here, which the
 * sweep avoids, so this errs on the slow side. The cost model times networks and the ridge fit,
 * not the proxies; the demo adds this per trial when it sizes its screen.
 */
public final class ProxyCost {
    private ProxyCost() {}

    /** Median seconds per trial of {@code proxies} over {@code specs} (0 when there is nothing to compute). */
    public static double perTrial(Dataset ds, ProbeSettings settings, Proxies proxies, List<ArchSpec> specs) {
        if (proxies.isEmpty() || specs.isEmpty()) {
            return 0;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            ProbeImages images = ProbeImages.load(ds, settings.trainSize(), settings.testSize(), m);
            double[] seconds = new double[specs.size()];
            for (int i = -1; i < specs.size(); i++) { // i = -1: warm-up (JIT, engine)
                ArchSpec spec = specs.get(Math.max(i, 0));
                ProxyInput in = new ProxyInput(ShapeInference.infer(spec, images.shape()), settings.seed(), 0,
                        images.train(), images.trainLabels(), images.numClasses(), settings.batchSize(), 50, null, m);
                long t0 = System.nanoTime();
                proxies.scores(in);
                if (i >= 0) {
                    seconds[i] = (System.nanoTime() - t0) / 1e9;
                }
            }
            Arrays.sort(seconds);
            return seconds[seconds.length / 2];
        }
    }
}
