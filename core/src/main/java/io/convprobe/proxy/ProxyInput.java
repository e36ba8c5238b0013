package io.convprobe.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.convprobe.arch.ArchSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a proxy sees for one (architecture, trial): the network ({@link ProxyNetwork}: a chain or a cell network), the (seed, trial) that fix the
 * random weights ({@link io.convprobe.nn.TorchInit}, the same weights the ridge probe used), the
 * probe's train images (float x/255, N×C×H×W) with their labels, the ridge accuracy of the trial,
 * and — when the sweep already has it — NASWOT's kernel from activations it computed anyway.
 *
 * <p>Fixed batches, the same for every architecture: NASWOT the first {@value #NASWOT_IMAGES} train
 * images; grad_norm, snip and jacob_cov the first {@value #LABELLED_BATCH}; ZiCo the first two
 * batches of {@value #LABELLED_BATCH}. With fewer train images the batches are shorter.
 *
 * <p>Gradients of the labelled batches are computed once and shared (grad_norm and snip use the
 * same float32 backward pass; ZiCo runs its two in float64). Every NDArray a proxy makes lives in a sub-manager of
 * {@link #manager()} that the proxy closes; only JVM arrays are kept here.
 */
public final class ProxyInput {
    public static final int NASWOT_IMAGES = 128;
    public static final int LABELLED_BATCH = 64;

    private final ProxyNetwork network;
    private final long seed;
    private final int trial;
    private final NDArray images;
    private final int[] labels;
    private final int numClasses;
    private final int batchSize;
    private final double ridgeAccuracy;
    private final double[] naswotKernel;
    private final NDManager manager;
    private final Map<String, List<GradNetwork.WeightGrad>> grads = new HashMap<>();

    /**
     * @param images       train images (float32 N×C×H×W), the probe's
     * @param batchSize    the probe's batch size (NASWOT's forward runs in these batches, like the probe)
     * @param naswotKernel NASWOT's m×m kernel (m = min(128, N)) if already computed, else null
     * @param manager      parent of the scratch managers the proxies open (and close)
     */
    public ProxyInput(ArchSummary summary, long seed, int trial, NDArray images, int[] labels, int numClasses,
            int batchSize, double ridgeAccuracy, double[] naswotKernel, NDManager manager) {
        this(ProxyNetwork.chain(summary, seed, trial), seed, trial, images, labels, numClasses, batchSize, ridgeAccuracy,
                naswotKernel, manager);
    }

    /** As above for any {@link ProxyNetwork} (a chain or a cell network) made with the same (seed, trial). */
    public ProxyInput(ProxyNetwork network, long seed, int trial, NDArray images, int[] labels, int numClasses,
            int batchSize, double ridgeAccuracy, double[] naswotKernel, NDManager manager) {
        this.network = network;
        this.seed = seed;
        this.trial = trial;
        this.images = images;
        this.labels = labels;
        this.numClasses = numClasses;
        this.batchSize = batchSize;
        this.ridgeAccuracy = ridgeAccuracy;
        this.naswotKernel = naswotKernel;
        this.manager = manager;
    }

    /** The network the proxies score. */
    public ProxyNetwork network() {
        return network;
    }

    public long seed() {
        return seed;
    }

    public int trial() {
        return trial;
    }

    public NDArray images() {
        return images;
    }

    public int[] labels() {
        return labels;
    }

    public int numClasses() {
        return numClasses;
    }

    public int batchSize() {
        return batchSize;
    }

    public double ridgeAccuracy() {
        return ridgeAccuracy;
    }

    /** NASWOT's kernel from the sweep, or null (then NASWOT runs its own forward pass). */
    public double[] naswotKernel() {
        return naswotKernel;
    }

    public NDManager manager() {
        return manager;
    }

    /** Images in NASWOT's batch: the first min(128, N). */
    public int naswotImages() {
        return (int) Math.min(NASWOT_IMAGES, images.getShape().get(0));
    }

    /** Rows [from, to) of labelled batch {@code b} (empty when the train set is too short). */
    long[] labelledRange(int b) {
        long n = images.getShape().get(0);
        long from = Math.min(n, (long) b * LABELLED_BATCH);
        return new long[] {from, Math.min(n, from + LABELLED_BATCH)};
    }

    /**
     * Per-layer weights and cross-entropy gradients (conv layers, then the random linear head) of
     * labelled batch {@code b}, computed in the network's {@link ProxyNetwork#labelledType} for {@code wanted}
     * (float32, or float64 for ZiCo on chains); null when
     * that batch is empty. Computed once per input and type.
     */
    List<GradNetwork.WeightGrad> labelledGradients(int b, ai.djl.ndarray.types.DataType wanted) {
        ai.djl.ndarray.types.DataType type = network.labelledType(wanted);
        long[] r = labelledRange(b);
        if (r[1] <= r[0]) {
            return null;
        }
        return grads.computeIfAbsent(b + "/" + type, k -> GradNetwork.labelledGradients(this, r[0], r[1], type));
    }
}
