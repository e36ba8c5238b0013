package io.convprobe.probe;

/**
 * Conv work by algorithm: layer applications (one conv on one batch) and seconds inside them,
 * plus the timing table's new rows and the seconds spent measuring them (inside {@code timingSeconds}).
 */
public record SweepSplit(long directBatches, double directSeconds, long fftBatches, double fftSeconds,
        int measuredShapes, double measureSeconds) {}
