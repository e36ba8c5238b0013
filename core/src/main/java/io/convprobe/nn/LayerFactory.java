package io.convprobe.nn;

import ai.djl.ndarray.NDManager;
import io.convprobe.arch.ArchSummary;

/**
 * Makes the operation at one index of a summarised network with its weights: the seeded probe
 * weights ({@link #seeded}), or copies a caller needs in another form (float64, gradient-tracking,
 * absolute values for the gradient proxies). A network's shape (chain or cell) and its weights are
 * chosen independently.
 */
@FunctionalInterface
public interface LayerFactory {
    /** Layer {@code index} of {@code summary}, its arrays allocated in {@code manager}. */
    ProbeLayer create(ArchSummary summary, int index, NDManager manager);

    /** The probe's weights: {@link TorchInit}'s PyTorch-identical values of (seed, trial). */
    static LayerFactory seeded(long seed, int trial) {
        return (summary, index, manager) -> ProbeLayer.create(summary, index, manager, seed, trial);
    }
}
