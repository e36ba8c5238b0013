package io.convprobe.probe;

/**
 * The arithmetic no sweep of these networks can skip, in seconds: the convolutions it computed for
 * features (measured around each conv, {@link SweepSplit}), the activations after them and the ridge's
 * Gram products (measured in the scorer, {@link io.convprobe.stats.RidgeScorer.Score#gramSeconds}). The activations
 * are priced from the timing table (its seconds per image × the images that went through them),
 * because the sweep's clock covers a conv alone; with {@link PrefixSweep.Throughput#TIMED} there is no table
 * to price them from and they count 0.
 */
public record SweepFloor(double convSeconds, double activationSeconds, double gramSeconds) {
    public double seconds() {
        return convSeconds + activationSeconds + gramSeconds;
    }
}
