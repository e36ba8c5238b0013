package io.convprobe.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import java.util.ArrayList;
import java.util.List;

/**
 * A spec's layers as a chain with the random weights of one (seed, trial), no head: the probe's
 * feature extractor. Weights live in a sub-manager of the one given, freed by {@link #close}.
 *
 * <p>Two ways in: {@link #layer(int)} to apply one layer at a time (the shared-prefix sweep reuses
 * prefix outputs), and {@link #forward} / {@link #features} for whole batches. Both give the same
 * numbers: {@code features} is exactly {@code forward} per batch. Callers that do not need the
 * layer-by-layer access use it as a {@link FeatureNetwork}, which does not assume a chain.
 */
public final class ProbeNetwork implements FeatureNetwork {
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
        return create(ShapeInference.infer(spec, input), parent, LayerFactory.seeded(seed, trial));
    }

    /** The chain of {@code summary}'s layers as {@code factory} makes them, in a sub-manager of {@code parent}. */
    public static ProbeNetwork create(ArchSummary summary, NDManager parent, LayerFactory factory) {
        NDManager m = parent.newSubManager();
        try {
            List<ProbeLayer> layers = new ArrayList<>();
            for (int i = 0; i < summary.layers().size(); i++) {
                layers.add(factory.create(summary, i, m));
            }
            return new ProbeNetwork(summary, m, List.copyOf(layers));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    @Override
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

    @Override
    public NDArray forward(NDArray x) {
        NDArray in = ChannelsLast.batch(x); // the layout the sweep runs in, so both give the same numbers
        NDArray flat = flatten(applyRange(layers, 0, layers.size(), in), in);
        if (in != x) {
            in.close();
        }
        return flat;
    }

    @Override
    public NDArray trace(NDArray x, OpObserver observer) {
        NDArray cur = ChannelsLast.batch(x); // in x's manager, as every intermediate here
        for (int i = 0; i < layers.size(); i++) {
            observer.input(i, layers.get(i), cur);
            cur = layers.get(i).apply(cur);
        }
        return cur.reshape(cur.getShape().get(0), -1);
    }

    /** Layers {@code [from, to)} of a chain on {@code x}, closing each intermediate (never {@code x} itself). */
    public static NDArray applyRange(List<ProbeLayer> layers, int from, int to, NDArray x) {
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
