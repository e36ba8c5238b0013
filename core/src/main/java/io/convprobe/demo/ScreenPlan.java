package io.convprobe.demo;

import java.util.function.IntToDoubleFunction;

/**
 * How much of a space the demo screens: every valid architecture when that fits the time budget,
 * otherwise the largest seeded sample whose predicted time fits. Predictions come from a function
 * of the sample size (the search's cost model applied to that sample, all trials included).
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
