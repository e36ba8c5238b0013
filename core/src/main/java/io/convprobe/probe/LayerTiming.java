package io.convprobe.probe;

import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.FftConv2d;
import io.convprobe.nn.LayerShape;

/**
 * One row of the timing table: seconds per image of one {@link LayerShape} at the probe's batch
 * size and thread count, measured once.
 *
 * @param directSeconds seconds per image with the plain libtorch layer (what a user deploys):
 *                      throughput = images / Σ of these over a network's layers
 * @param fftSeconds    seconds per image with {@link FftConv2d} (NaN: not measured — not a conv,
 *                      or the multiply-add count ruled it out)
 * @param algorithm     the faster of the two, used to compute features
 */
public record LayerTiming(double directSeconds, double fftSeconds, ConvAlgorithm algorithm) {
    /** Seconds per image of the chosen algorithm. */
    public double chosenSeconds() {
        return algorithm == ConvAlgorithm.FFT ? fftSeconds : directSeconds;
    }
}
