package io.convprobe.demo;

/**
 * How much of a space the demo screens: every valid architecture when that fits the time budget,
 * otherwise a seeded sample sized to fit. {@code secondsPerArch} is the calibrated cost of one
 * architecture with all its trials (the upper bound: every architecture passes trial 0).
 */
public record ScreenPlan(long valid, int sample, double secondsPerArch, double budgetSeconds) {
    /** The smallest screen worth ranking. */
    public static final int MIN_SAMPLE = 8;

    public static ScreenPlan size(long valid, double secondsPerArch, double budgetSeconds) {
        if (!(secondsPerArch > 0)) {
            throw new IllegalArgumentException("seconds per architecture must be positive, got " + secondsPerArch);
        }
        long fits = (long) Math.floor(budgetSeconds / secondsPerArch);
        long n = Math.min(valid, Math.max(MIN_SAMPLE, fits));
        return new ScreenPlan(valid, (int) n, secondsPerArch, budgetSeconds);
    }

    public boolean whole() {
        return sample >= valid;
    }

    public double estimatedSeconds() {
        return sample * secondsPerArch;
    }

    /** One sentence: how many, and why. */
    public String explain() {
        if (whole()) {
            return String.format("screening all %,d valid architectures (about %.0f s at %.2f s each)", valid,
                    estimatedSeconds(), secondsPerArch);
        }
        return String.format("screening a seeded sample of %,d of the %,d valid architectures: one takes about %.2f s "
                + "here with all its trials, so the whole space would take about %.0f min; %,d fit the demo's %.0f s "
                + "screening budget (--sample N or --minutes M to change)", sample, valid, secondsPerArch,
                valid * secondsPerArch / 60, sample, budgetSeconds);
    }
}
