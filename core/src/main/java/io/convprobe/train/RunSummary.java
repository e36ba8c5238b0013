package io.convprobe.train;

/**
 * The published table's row for a run: final validation loss and accuracy, parameters, training
 * minutes (training loop only), training throughput, plus the best epoch (highest validation
 * accuracy) and its accuracy. The validation set is the dataset's test split, as in parts B and C.
 */
public record RunSummary(String run, String model, String spec, long params, int epochs, double valLoss,
        double valAccuracy, double trainMinutes, double imagesPerSecond, int bestEpoch, double bestValAccuracy,
        String status) {
    public static final String FINISHED = "finished";
}
