package io.convprobe.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.convprobe.arch.ArchSummary;

/**
 * A random-weight network without head that maps a batch of images to features: what the probe
 * and the proxies need of a network. Nothing here says the network is a chain: a cell network
 * (skip connections, sums of branches) answers the same calls; {@link ProbeNetwork} is the chain.
 *
 * <p>Two passes: {@link #forward} frees every intermediate as soon as it is used (the probe's feature
 * pass, where memory is the limit), {@link #trace} keeps them in the input's manager and shows each
 * operation its input on the way (NASWOT's codes at ReLU inputs; the gradient proxies, whose
 * backward pass needs the intermediates alive).
 */
public interface FeatureNetwork extends AutoCloseable {
    /** Sees the input of every operation, in the order the network runs them. */
    @FunctionalInterface
    interface OpObserver {
        OpObserver NONE = (index, op, input) -> {};

        /**
         * @param index the operation's index in the network's {@link #summary()} layers
         * @param op    the operation (its layer and weights)
         * @param input what it is about to be applied to (do not close it)
         */
        void input(int index, ProbeLayer op, NDArray input);
    }

    /** Shapes, parameters and multiply-adds of the network's layers. */
    ArchSummary summary();

    /**
     * The flattened output (N×features) for one batch, in {@code x}'s manager; the input is left
     * alone, every intermediate array is closed.
     */
    NDArray forward(NDArray x);

    /**
     * The flattened output (N×features) for one batch; every intermediate stays in {@code x}'s
     * manager (the caller's scope frees them), and {@code observer} sees each operation's input.
     */
    NDArray trace(NDArray x, OpObserver observer);

    /**
     * Features of all images {@code [0, N)} of {@code images} (N×C×H×W), in batches of
     * {@code batchSize} exactly as the probe protocol runs them: one N×features array in
     * {@code into}.
     */
    default NDArray features(NDArray images, int batchSize, NDManager into) {
        long n = images.getShape().get(0);
        NDList outs = new NDList();
        try (NDManager work = into.newSubManager()) {
            for (long from = 0; from < n; from += batchSize) {
                NDArray batch = Batches.slice(images, from, Math.min(n, from + batchSize), work);
                outs.add(forward(batch));
            }
            NDArray all = outs.size() == 1 ? outs.get(0) : NDArrays.concat(outs, 0);
            all.attach(into);
            return all;
        }
    }

    /** Frees the network's weights. */
    @Override
    void close();
}
