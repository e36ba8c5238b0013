package io.convprobe.train;

/**
 * One epoch's row. Accuracies are fractions; {@code lr} is the rate of the epoch's last update;
 * {@code imagesPerSecond} is training throughput (forward, backward and update, evaluation
 * excluded); {@code elapsedSeconds} is wall time since the run started, evaluation included.
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
        double lr, double imagesPerSecond, double elapsedSeconds) {}
