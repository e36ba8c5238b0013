package io.convprobe.probe;

/**
 * The arithmetic no sweep of these networks can skip, in seconds: the convolutions it computed for
 * features and the activations after them (each clocked around its call in the sweep; the convs by
 * algorithm in {@link SweepSplit}) and the ridge's Gram products (measured in the scorer,
 * {@link io.convprobe.stats.RidgeScorer.Score#gramSeconds}). The activations used to be priced from the
 * timing table (seconds per image × images): 0.1 s on the bench slab, where the sweep's own clock
 * reads 0.4–1.9 s (docs/benchmarks.md).
 */
public record SweepFloor(double convSeconds, double activationSeconds, double gramSeconds) {
    public double seconds() {
        return convSeconds + activationSeconds + gramSeconds;
    }
}
