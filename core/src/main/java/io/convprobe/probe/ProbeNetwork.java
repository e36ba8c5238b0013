package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import java.util.ArrayList;
import java.util.List;

/**
 * A spec's layers with the random weights of one (seed, trial), no head: the probe's feature
 * extractor. Weights live in a sub-manager of the one given, freed by {@link #close}.
 *
 * <p>Two ways in: {@link #layer(int)} to apply one layer at a time (the shared-prefix sweep reuses
 * prefix outputs), and {@link #forward} / {@link #features} for whole batches. Both give the same
 * numbers: {@code features} is exactly {@code forward} per batch.
 */
public final class ProbeNetwork implements AutoCloseable {
    private final ArchSummary summary;
    private final NDManager manager;
    private final List<ProbeLayer> layers;

    private ProbeNetwork(ArchSummary summary, NDManager manager, List<ProbeLayer> layers) {
        this.summary = summary;
        this.manager = manager;
        this.layers = layers;
    }

    /**
     * The network of {@code spec} on images of shape {@code input} with the (seed, trial) weights.
     * Throws a {@link io.convprobe.arch.SpecException} if the spec does not fit the input and a
     * {@link io.convprobe.UserException} for layers the probe does not run.
     */
    public static ProbeNetwork create(ArchSpec spec, Shape input, NDManager parent, long seed, int trial) {
        ProbeLayer.requireProbeable(spec);
        ArchSummary summary = ShapeInference.infer(spec, input);
        NDManager m = parent.newSubManager();
        try {
            List<ProbeLayer> layers = new ArrayList<>();
            for (int i = 0; i < spec.layers().size(); i++) {
                layers.add(ProbeLayer.create(summary, i, m, seed, trial));
            }
            return new ProbeNetwork(summary, m, List.copyOf(layers));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    public ArchSummary summary() {
        return summary;
    }

    public int size() {
        return layers.size();
    }

    public ProbeLayer layer(int index) {
        return layers.get(index);
    }

    /** Layers {@code [from, size())} on {@code x}; intermediate results are freed as soon as used. */
    public NDArray forwardFrom(int from, NDArray x) {
        return applyRange(layers, from, layers.size(), x);
    }

    /**
     * The flattened network output (N×features) for one batch, in {@code x}'s manager; the input is
     * left alone, every intermediate array is closed.
     */
    public NDArray forward(NDArray x) {
        NDArray out = applyRange(layers, 0, layers.size(), x);
        return flatten(out, x);
    }

    /**
     * Features of all images {@code [0, N)} of {@code images} (N×C×H×W), in batches of
     * {@code batchSize} exactly as the probe protocol runs them: returns one N×features array in
     * {@code into}.
     */
    public NDArray features(NDArray images, int batchSize, NDManager into) {
        long n = images.getShape().get(0);
        NDList outs = new NDList();
        try (NDManager work = into.newSubManager()) {
            for (long from = 0; from < n; from += batchSize) {
                NDArray batch = slice(images, from, Math.min(n, from + batchSize), work);
                NDArray out = forward(batch);
                outs.add(out);
            }
            NDArray all = outs.size() == 1 ? outs.get(0) : NDArrays.concat(outs, 0);
            all.attach(into);
            return all;
        }
    }

    /**
     * Rows {@code [from, to)} of {@code all} as an array owned by {@code into}. DJL puts an
     * operation's result in its first operand's manager; without the attach every slice of the
     * long-lived image array would pile up in that array's manager until the prober closes.
     */
    static NDArray slice(NDArray all, long from, long to, NDManager into) {
        NDArray part = all.get(new NDIndex("{}:{}", from, to));
        part.attach(into);
        return part;
    }

    /** Layers {@code [from, to)} on {@code x}, closing each intermediate (never {@code x} itself). */
    static NDArray applyRange(List<ProbeLayer> layers, int from, int to, NDArray x) {
        NDArray cur = x;
        for (int i = from; i < to; i++) {
            NDArray next = layers.get(i).apply(cur);
            if (cur != x && next != cur) {
                cur.close();
            }
            cur = next;
        }
        return cur;
    }

    /** {@code out} reshaped to N×features; closes {@code out} when it was an intermediate. */
    static NDArray flatten(NDArray out, NDArray input) {
        if (out.getShape().dimension() == 2 && out != input) {
            return out;
        }
        NDArray flat = out.reshape(out.getShape().get(0), -1);
        if (out != input) {
            out.close(); // the reshape is a view: PyTorch keeps the storage alive through it
        }
        return flat;
    }

    @Override
    public void close() {
        manager.close();
    }
}
