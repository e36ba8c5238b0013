package io.convprobe.probe;

import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Layer;
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
 *   <li>features, twice over: the train and test matrices (each batch's rows written straight in:
 *       {@code SweepFeatures}), and once more the centred copy of the train half the ridge fit made
 *       until it centred in place ({@link io.convprobe.stats.RidgeScorer#scoreConsuming}), counted
 *       whole: kept as margin, since the 1 GiB budget's figures in docs/benchmarks.md were measured
 *       with it;</li>
 *   <li>the largest layer output of one batch, three times over (its input, its output, oneDNN's
 *       reordered copy);</li>
 *   <li>NASWOT's binary codes of every ReLU's input for its 128 images (one byte per value), the
 *       largest level's once more (joined from its batches) and one block converted to numbers
 *       ({@link HammingKernel#CHUNK_BYTES}; converted all at once, a first 3x96x96 network at
 *       {@code --max-memory 1g} rose 200 MB above its feature pass and passed the budget);</li>
 *   <li>the FFT convolutions' buffers ({@link FftConv2d#workingBytes}), by far the largest item
 *       where a layer takes that path;</li>
 *   <li>where a proxy takes gradients (jacob_cov, grad_norm, snip, ZiCo), its backward pass on a
 *       labelled batch ({@value io.convprobe.proxy.ProxyInput#LABELLED_BATCH} images): every layer's
 *       output kept for it and twice the largest as gradients, beside the features (it runs after
 *       the ridge fit, whose copies are gone by then);</li>
 *   <li>where a proxy takes float64 gradients (synflow; ZiCo on chains), libtorch's own float64
 *       convolution unfolds its input (C·k² × Ho·Wo values per image, im2col), in the forward pass and
 *       twice in the backward: synflow's one image of a k9 conv on 32×92×92 is a 146 MB unfold, and
 *       its network's peak rose 160 MB above the feature pass's;</li>
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
        long largestCodes = 0;
        long outputs = 0;
        long largestOutput = 0;
        long columns = 0; // a float64 conv's unfolded input (C·k² × Ho·Wo) per image
        for (LayerInfo l : summary.layers()) {
            largestBatch = Math.max(largestBatch, 4L * batchSize * l.output().elements());
            outputs += l.output().elements();
            largestOutput = Math.max(largestOutput, l.output().elements());
            if (l.layer() instanceof Layer.Conv c) {
                columns = Math.max(columns, (long) l.input().channels() * c.kernel() * c.kernel()
                        * l.output().height() * l.output().width());
                if (algorithm.apply(l.index()) == ConvAlgorithm.FFT) {
                    fft = Math.max(fft, FftConv2d.workingBytes(new LayerShape(l.input(), l.layer()), batchSize));
                }
            }
            if (proxies.contains("naswot") && HammingKernel.isRelu(l.layer())) {
                codes += (long) naswotImages * l.input().elements();
                largestCodes = Math.max(largestCodes, (long) naswotImages * l.input().elements());
            }
        }
        long labelled = Math.min(ProxyInput.LABELLED_BATCH, trainImages);
        boolean zico = proxies.contains("zico"); // float64 gradients on a labelled batch
        long gradients = 0;
        if (proxies.float32Gradients() || zico) {
            gradients = (zico ? 8 : 4) * labelled * (outputs + 2 * largestOutput);
        }
        if (proxies.float64Gradients()) { // synflow, ZiCo
            // float64 convs run libtorch's own kernel, which unfolds its whole input batch (synflow's one
            // image, ZiCo's chains a labelled batch), forward and twice backward: synflow on a 32→32 k9
            // conv at 92 pixels (a 146 MB unfold) held about 360 MB beside the features
            gradients += 3 * 8 * columns * (zico ? labelled : 1);
        }
        if (codes > 0) { // the kernel joins a level's batches of codes (one copy) and converts them in blocks
            codes += largestCodes + HammingKernel.CHUNK_BYTES;
        }
        // the gradient proxies run after the features are scored: the features are still held, their copies are not
        return Math.max(2 * features + Math.max(3 * largestBatch, fft), features + gradients) + codes + SLACK;
    }
}
