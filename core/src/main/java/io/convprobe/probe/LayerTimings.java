package io.convprobe.probe;

import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Layer;
import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.FftConv2d;
import io.convprobe.nn.LayerShape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The timing table in memory: one {@link LayerTiming} per distinct {@link LayerShape}, measured by
 * a {@link LayerTimer} the first time a shape is asked for and handed to a {@link Sink} (the run's
 * store, so a resumed run measures nothing twice). A network's throughput is images / Σ of its
 * layers' direct seconds per image — the plain libtorch forward a user would deploy, not the
 * algorithm the sweep computes features with.
 *
 * <p>{@link Choice} says how convs are computed: {@code MEASURED} takes the faster algorithm of the
 * table row (machine-dependent: see {@code docs/design.md}; outputs agree within float32
 * rounding), {@code DIRECT} always libtorch's (bit-identical with {@code --mode single}),
 * {@code FFT} the FFT for every conv (tests).
 */
public final class LayerTimings {
    /** How the sweep picks each conv's algorithm. */
    public enum Choice {
        MEASURED,
        DIRECT,
        FFT
    }

    /** Where new rows go (and the stored ones come from). */
    public interface Sink {
        Sink NONE = (shape, timing) -> {};

        void stored(LayerShape shape, LayerTiming timing);
    }

    /** Measures one new shape ({@link LayerTimer} on the engine; a nominal price by multiply-adds for ordering). */
    @FunctionalInterface
    public interface Measure {
        LayerTiming measure(LayerShape shape);
    }

    private final Measure timer;
    private final Sink sink;
    private final Choice choice;
    private final Map<LayerShape, LayerTiming> rows = new HashMap<>();
    private int measured;
    private double measureSeconds;

    /** A table starting with {@code known} rows (e.g. loaded from the store). */
    public LayerTimings(Measure timer, Map<LayerShape, LayerTiming> known, Sink sink, Choice choice) {
        this.timer = timer;
        this.sink = sink;
        this.choice = choice;
        rows.putAll(known);
    }

    public Choice choice() {
        return choice;
    }

    /** The row for {@code shape}, measured now if new. */
    public synchronized LayerTiming of(LayerShape shape) {
        LayerTiming t = rows.get(shape);
        if (t == null) {
            long t0 = System.nanoTime();
            t = timer.measure(shape);
            measureSeconds += (System.nanoTime() - t0) / 1e9;
            measured++;
            rows.put(shape, t);
            sink.stored(shape, t);
        }
        return t;
    }

    /** Images/s of the network from the table: 1 / Σ direct seconds per image over its layers. */
    public double throughput(ArchSummary summary) {
        double s = 0;
        for (LayerShape l : LayerShape.of(summary)) {
            s += of(l).directSeconds();
        }
        return 1 / s;
    }

    /**
     * Measures the network's layers again and keeps, per shape, the faster of the two readings
     * (stored again), then returns its throughput: the sweep calls this before cutting a network, so
     * a cut rests on two measurements (a busy machine delays single readings, never speeds them up).
     */
    public synchronized double confirm(ArchSummary summary) {
        for (LayerShape l : new java.util.LinkedHashSet<>(LayerShape.of(summary))) {
            LayerTiming old = of(l);
            if (l.isIdentity()) {
                continue;
            }
            long t0 = System.nanoTime();
            LayerTiming again = timer.measure(l);
            measureSeconds += (System.nanoTime() - t0) / 1e9;
            double direct = Math.min(old.directSeconds(), again.directSeconds());
            double fft = Double.isNaN(old.fftSeconds()) ? again.fftSeconds()
                    : Double.isNaN(again.fftSeconds()) ? old.fftSeconds() : Math.min(old.fftSeconds(), again.fftSeconds());
            // the algorithm stays as first chosen: features already computed with it stay consistent
            LayerTiming merged = new LayerTiming(direct, fft, old.algorithm());
            if (!merged.equals(old)) {
                rows.put(l, merged);
                sink.stored(l, merged);
            }
        }
        return throughput(summary);
    }

    /** The algorithm the sweep computes layer {@code index} of the network with. */
    public ConvAlgorithm algorithm(ArchSummary summary, int index) {
        LayerShape l = LayerShape.of(summary).get(index);
        if (!(l.layer() instanceof Layer.Conv)) {
            return ConvAlgorithm.DIRECT;
        }
        return switch (choice) {
            case DIRECT -> ConvAlgorithm.DIRECT;
            case FFT -> ConvAlgorithm.FFT;
            case MEASURED -> of(l).algorithm();
        };
    }

    /** Seconds per image of layer {@code index} with the algorithm the sweep computes it with. */
    public double featureSeconds(ArchSummary summary, int index) {
        LayerTiming t = of(LayerShape.of(summary).get(index));
        return algorithm(summary, index) == ConvAlgorithm.FFT && !Double.isNaN(t.fftSeconds()) ? t.fftSeconds()
                : t.directSeconds();
    }

    /** Measures every shape of {@code summaries} not in the table yet; returns how many were new. */
    public int fill(List<ArchSummary> summaries) {
        int before = measured;
        for (LayerShape l : LayerShape.distinct(summaries)) {
            of(l);
        }
        return measured - before;
    }

    /** Every row, a copy. */
    public Map<LayerShape, LayerTiming> rows() {
        return Map.copyOf(rows);
    }

    /**
     * A table that prices every conv at {@code secondsPerConvMac} per direct multiply-add per image
     * and every other layer at nothing, measuring nothing: relative costs for ordering work.
     */
    public static LayerTimings nominal(double secondsPerConvMac) {
        return new LayerTimings(shape -> new LayerTiming(shape.layer() instanceof Layer.Conv
                ? FftConv2d.directMacs(shape) * secondsPerConvMac : 0, Double.NaN, ConvAlgorithm.DIRECT),
                Map.of(), Sink.NONE, Choice.DIRECT);
    }

    /** Shapes measured by this object (not loaded). */
    public int measuredCount() {
        return measured;
    }

    /** Seconds spent measuring. */
    public double measureSeconds() {
        return measureSeconds;
    }
}
