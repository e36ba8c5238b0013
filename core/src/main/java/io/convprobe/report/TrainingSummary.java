package io.convprobe.report;

import java.util.List;

/**
 * What the report needs from one training run.
 *
 * @param runName       the run's name (its directory name); labels the run in charts and tables
 * @param model         model name or spec text, e.g. {@code ch=32 ks=7,3,5 st=2,1,2 di=1,3,1}
 * @param optimizer     optimizer name, e.g. {@code adamw}; runs differing here are grouped by it
 * @param learningRate  base learning rate
 * @param batchSize     batch size
 * @param params        trainable parameters
 * @param epochs        per-epoch rows, in order
 * @param finalValLoss  validation loss of the final model
 * @param finalValAccuracy validation accuracy of the final model, percent
 * @param bestEpoch     epoch with the best validation accuracy (0 if unknown)
 * @param trainMinutes  wall time of the training, minutes
 * @param imagesPerSec  mean training throughput, images per second
 * @param runDir        the run's directory as given to the report (for the export command)
 */
public record TrainingSummary(
        String runName,
        String model,
        String optimizer,
        double learningRate,
        int batchSize,
        long params,
        List<EpochRow> epochs,
        double finalValLoss,
        double finalValAccuracy,
        int bestEpoch,
        double trainMinutes,
        double imagesPerSec,
        String runDir) {

    public TrainingSummary {
        epochs = List.copyOf(epochs);
    }

    /** A summary whose run directory is not known (its name stands in for it). */
    public TrainingSummary(String runName, String model, String optimizer, double learningRate, int batchSize,
            long params, List<EpochRow> epochs, double finalValLoss, double finalValAccuracy, int bestEpoch,
            double trainMinutes, double imagesPerSec) {
        this(runName, model, optimizer, learningRate, batchSize, params, epochs, finalValLoss, finalValAccuracy,
                bestEpoch, trainMinutes, imagesPerSec, runName);
    }
}
