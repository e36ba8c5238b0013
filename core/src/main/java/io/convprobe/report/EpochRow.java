package io.convprobe.report;

/**
 * One epoch of a training run. Accuracies in percent; NaN where not measured.
 *
 * @param epoch          1-based epoch number
 * @param trainLoss      mean training loss over the epoch
 * @param trainAccuracy  training accuracy over the epoch, percent
 * @param valLoss        validation loss after the epoch
 * @param valAccuracy    validation accuracy after the epoch, percent
 * @param learningRate   learning rate at the end of the epoch
 * @param imagesPerSec   training throughput over the epoch
 * @param elapsedSeconds wall time since the run started, at the end of the epoch
 */
public record EpochRow(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double valLoss,
        double valAccuracy,
        double learningRate,
        double imagesPerSec,
        double elapsedSeconds) {}
