package io.convprobe.probe;

/**
 * One trial of one architecture: fresh random weights, features of the train and test images, a
 * ridge fit. Accuracies in percent; throughput in images per second of the network's forward pass
 * (see {@code docs/design.md} for exactly what is timed); ridge fit in seconds.
 */
public record TrialResult(int trial, double testAccuracy, double trainAccuracy, double throughput,
        double ridgeSeconds, long features) {}
