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
 * each of a few networks (after one warm-up call). NASWOT gets a ready kernel here, as in the sweep,
 * which builds it from the codes of the ReLUs it computes anyway: its code Grams are priced by the
 * cost model ({@code CostModel.estimate} with the proxies), only its log-determinant is timed here.
 * The demo's sizing and {@code search --dry-run} add this per trial to the cost model's estimate.
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
            double[] kernel = proxies.contains("naswot") ? readyKernel(Math.min(ProxyInput.NASWOT_IMAGES, settings.trainSize()))
                    : null;
            for (int i = -1; i < specs.size(); i++) { // i = -1: warm-up (JIT, engine)
                ArchSpec spec = specs.get(Math.max(i, 0));
                ProxyInput in = new ProxyInput(ShapeInference.infer(spec, images.shape()), settings.seed(), 0,
                        images.train(), images.trainLabels(), images.numClasses(), settings.batchSize(), 50,
                        kernel == null ? null : kernel.clone(), m);
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

    /** A stand-in m×m NASWOT kernel (Hamming agreements of m codes): only its log-determinant is timed. */
    private static double[] readyKernel(int m) {
        double[] k = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                k[i * m + j] = i == j ? 2.0 * m : (i + j) * 17 % m / (double) m;
            }
        }
        return k;
    }
}
