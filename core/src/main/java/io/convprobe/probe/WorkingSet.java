package io.convprobe.probe;

import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.LayerInfo;
import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.FftConv2d;
import io.convprobe.nn.LayerShape;
import io.convprobe.proxy.HammingKernel;
import io.convprobe.proxy.Proxies;
import io.convprobe.proxy.ProxyInput;
import java.util.function.IntFunction;

/**
 * About how many bytes of native memory one network's probe holds at its peak beyond the cached
 * activations: what a memory budget ({@link io.convprobe.memory.MemoryGovernor#admit}) must leave
 * free for it. An upper estimate from the shapes, not a measurement:
 *
 * <ul>
 *   <li>features, three times over: the per-batch rows, their concatenation, and the ridge fit's
 *       centred copy ({@link io.convprobe.stats.RidgeScorer});</li>
 *   <li>the largest layer output of one batch, three times over (its input, its output, oneDNN's
 *       reordered copy);</li>
 *   <li>NASWOT's binary codes of every ReLU's input for its 128 images (one byte per value);</li>
 *   <li>the FFT convolutions' buffers ({@link FftConv2d#workingBytes}), by far the largest item
 *       where a layer takes that path;</li>
 *   <li>a fixed slack for libtorch's own scratch.</li>
 * </ul>
 */
public final class WorkingSet {
    /** Fixed bytes for libtorch's own scratch (oneDNN workspaces, the allocator's rounding). */
    public static final long SLACK = 32L << 20;

    private WorkingSet() {}

    public static long bytes(ArchSummary summary, int trainImages, int testImages, int batchSize, Proxies proxies) {
        return bytes(summary, trainImages, testImages, batchSize, proxies, i -> ConvAlgorithm.DIRECT);
    }

    /** As above, with each layer's conv algorithm ({@code algorithm.apply(i)} for layer i). */
    public static long bytes(ArchSummary summary, int trainImages, int testImages, int batchSize, Proxies proxies,
            IntFunction<ConvAlgorithm> algorithm) {
        long features = 4L * summary.features() * (trainImages + testImages);
        long largestBatch = 0;
        long codes = 0;
        int naswotImages = (int) Math.min(ProxyInput.NASWOT_IMAGES, trainImages);
        long fft = 0;
        for (LayerInfo l : summary.layers()) {
            largestBatch = Math.max(largestBatch, 4L * batchSize * l.output().elements());
            if (l.layer() instanceof io.convprobe.arch.Layer.Conv && algorithm.apply(l.index()) == ConvAlgorithm.FFT) {
                fft = Math.max(fft, FftConv2d.workingBytes(new LayerShape(l.input(), l.layer()), batchSize));
            }
            if (proxies.contains("naswot") && HammingKernel.isRelu(l.layer())) {
                codes += (long) naswotImages * l.input().elements();
            }
        }
        return 3 * features + Math.max(3 * largestBatch, fft) + codes + SLACK;
    }
}
