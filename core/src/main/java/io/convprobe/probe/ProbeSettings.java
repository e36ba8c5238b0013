package io.convprobe.probe;

import io.convprobe.UserException;

/**
 * The probe protocol's settings; {@link #PUBLISHED} are the published screen's: the first 500
 * train and first 500 test images, 5 trials, cut after trial 0 below 25 % accuracy or 200 images/s,
 * batches of 32, fitness = normalized(accuracy) + 0.3 · normalized(throughput).
 */
public record ProbeSettings(int trainSize, int testSize, int trials, double minAccuracy, double minThroughput,
        long seed, int batchSize, double throughputWeight) implements java.io.Serializable {
    public static final ProbeSettings PUBLISHED = new ProbeSettings(500, 500, 5, 25.0, 200.0, 0L, 32, 0.3);

    public ProbeSettings {
        if (trainSize < 2 || testSize < 1) {
            throw new UserException("train size must be >= 2 and test size >= 1, got " + trainSize + "/" + testSize);
        }
        if (trials < 1) {
            throw new UserException("--trials must be at least 1, got " + trials);
        }
        if (batchSize < 1) {
            throw new UserException("batch size must be at least 1, got " + batchSize);
        }
    }
}
