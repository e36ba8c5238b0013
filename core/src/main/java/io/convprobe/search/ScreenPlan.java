package io.convprobe.search;

import ai.djl.ndarray.NDManager;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.data.Dataset;
import io.convprobe.nn.EngineThreads;
import io.convprobe.probe.LayerTimer;
import io.convprobe.probe.LayerTimings;
import io.convprobe.probe.PrefixSweep;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.proxy.Proxies;
import io.convprobe.space.RatioRange;
import io.convprobe.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * How much of a space the demo screens: every valid architecture when that fits the time budget,
 * otherwise the largest seeded sample whose predicted time fits. Predictions come from a function
 * of the sample size ({@link #forBudget}: the screen's estimate applied to that sample, all trials
 * included).
 */
public record ScreenPlan(long valid, int sample, double estimatedSeconds, double wholeSpaceSeconds,
        double budgetSeconds) {
    /** The smallest screen worth ranking. */
    public static final int MIN_SAMPLE = 8;

    /**
     * @param secondsFor predicted screening seconds for a sample of n architectures (non-decreasing
     *                   in n, up to noise); called O(log valid) times
     */
    public static ScreenPlan size(long valid, double budgetSeconds, IntToDoubleFunction secondsFor) {
        int all = (int) Math.min(Integer.MAX_VALUE, valid);
        double whole = secondsFor.applyAsDouble(all);
        if (whole <= budgetSeconds || all <= MIN_SAMPLE) {
            return new ScreenPlan(valid, all, whole, whole, budgetSeconds);
        }
        int lo = MIN_SAMPLE; // fits, or the minimum we screen anyway
        int hi = all;        // does not fit
        while (hi - lo > Math.max(1, lo / 50)) { // 2 % is close enough
            int mid = lo + (hi - lo) / 2;
            if (secondsFor.applyAsDouble(mid) <= budgetSeconds) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new ScreenPlan(valid, lo, secondsFor.applyAsDouble(lo), whole, budgetSeconds);
    }

    /**
     * The largest seeded sample ({@code seed}) of {@code space} whose predicted screen fits
     * {@code budgetSeconds}: {@link ScreenEstimate} on a timing table measured here (the search
     * measures its own, so its measuring is counted), the proxies timed on five candidates spread
     * over the whole space, every trial counted as if every architecture passed trial 0.
     */
    public static ScreenPlan forBudget(Dataset data, SearchSpace space, RatioRange ratio, ProbeSettings settings,
            Proxies proxies, long valid, double budgetSeconds) {
        Shape input = data.imageShape();
        EngineThreads.set(Runtime.getRuntime().availableProcessors());
        try (NDManager m = NDManager.newBaseManager()) {
            LayerTimings table = new LayerTimings(new LayerTimer(settings.batchSize(), PrefixSweep.TABLE_BATCHES, m),
                    java.util.Map.of(), LayerTimings.Sink.NONE, LayerTimings.Choice.MEASURED);
            int all = (int) Math.min(Integer.MAX_VALUE, valid);
            ScreenEstimate estimate = ScreenEstimate.calibrate(data, settings, proxies, table,
                    specs(space, space.sample(all, settings.seed(), input, ratio)), false);
            return size(valid, budgetSeconds,
                    n -> estimate.of(specs(space, space.sample(n, settings.seed(), input, ratio))).all());
        }
    }

    private static List<ArchSpec> specs(SearchSpace space, long[] indices) {
        List<ArchSpec> out = new ArrayList<>(indices.length);
        for (long i : indices) {
            out.add(space.spec(i));
        }
        return out;
    }

    public boolean whole() {
        return sample >= valid;
    }

    /** One sentence: how many, and why. */
    public String explain() {
        if (whole()) {
            return String.format("screening all %,d valid architectures (about %.0f s predicted)", valid,
                    estimatedSeconds);
        }
        return String.format("screening a seeded sample of %,d of the %,d valid architectures: the whole space would "
                + "take about %.0f min here, %,d fit the demo's %.0f s screening budget (about %.0f s predicted; "
                + "--sample N or --minutes M to change)", sample, valid, wholeSpaceSeconds / 60, sample, budgetSeconds,
                estimatedSeconds);
    }
}
