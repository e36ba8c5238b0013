package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.convprobe.arch.Layer;
import java.util.Arrays;

/**
 * Measures one {@link LayerShape}: the layer (random weights: time does not depend on their values)
 * on a random input batch of the probe's batch size, one untimed warm-up call, then the median of
 * {@code batches} timed calls. For a conv whose multiply-add count favours the FFT
 * ({@link FftConv2d#worthTrying}), {@link FftConv2d} is timed the same way and the faster one is
 * chosen. Identity layers cost zero and are not run.
 */
public final class LayerTimer {
    private final int batchSize;
    private final int batches;
    private final NDManager parent;

    /** Arrays live in sub-managers of {@code parent}, freed after each measurement. */
    public LayerTimer(int batchSize, int batches, NDManager parent) {
        if (batches < 1) {
            throw new IllegalArgumentException("batches must be >= 1, got " + batches);
        }
        this.batchSize = batchSize;
        this.batches = batches;
        this.parent = parent;
    }

    public int batchSize() {
        return batchSize;
    }

    public LayerTiming measure(LayerShape shape) {
        if (shape.isIdentity()) {
            return new LayerTiming(0, Double.NaN, ConvAlgorithm.DIRECT);
        }
        try (NDManager m = parent.newSubManager()) {
            ProbeLayer layer = ProbeLayer.random(shape, m);
            long[] dims = new long[shape.input().dims().size() + 1];
            dims[0] = batchSize;
            for (int i = 1; i < dims.length; i++) {
                dims[i] = shape.input().dims().get(i - 1);
            }
            NDArray x = m.randomUniform(0, 1, new Shape(dims));
            double direct = seconds(layer, x);
            double fft = Double.NaN;
            if (shape.layer() instanceof Layer.Conv && FftConv2d.worthTrying(shape)) {
                fft = seconds(layer.withFft(), x);
            }
            ConvAlgorithm algo = fft < direct ? ConvAlgorithm.FFT : ConvAlgorithm.DIRECT;
            return new LayerTiming(direct / batchSize, fft / batchSize, algo);
        }
    }

    /** Median seconds of one call on {@code x} after an untimed warm-up call. */
    private double seconds(ProbeLayer layer, NDArray x) {
        run(layer, x);
        double[] t = new double[batches];
        for (int i = 0; i < batches; i++) {
            long t0 = System.nanoTime();
            run(layer, x);
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return batches % 2 == 1 ? t[batches / 2] : (t[batches / 2 - 1] + t[batches / 2]) / 2;
    }

    private static void run(ProbeLayer layer, NDArray x) {
        NDArray y = layer.apply(x);
        if (y != x) {
            y.close();
        }
    }
}
