package io.convprobe.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One probed architecture of a search run, as the report needs it. Percentages are 0..100.
 *
 * @param spec           the published notation, e.g. {@code ch=32 ks=7,3,5 st=2,1,2 di=1,3,1}
 * @param kernels        kernel size per conv layer
 * @param strides        stride per conv layer (same length as kernels)
 * @param dilations      dilation per conv layer (same length as kernels)
 * @param trials         random-weight trials completed (1 when cut after trial 0)
 * @param fullyTested    whether all trials ran (passed the accuracy and throughput thresholds)
 * @param accuracyMean   mean test accuracy over the trials, percent
 * @param accuracyMin    lowest trial accuracy, percent
 * @param accuracyMax    highest trial accuracy, percent
 * @param accuracyStd    standard deviation of the trial accuracies, percentage points (NaN if one trial)
 * @param accuracyTrial0 accuracy of the first trial, percent (what the threshold is applied to)
 * @param trainAccuracy  mean ridge accuracy on the training features, percent
 * @param throughput     feature-extraction images per second (mean over trials)
 * @param ratio          compression ratio: output elements / input elements
 * @param params         trainable parameters of the conv stack
 * @param macs           multiply-accumulates of one forward pass of one image
 * @param fitSeconds     ridge fit time in seconds (the published "train time"), mean over trials
 * @param fitness        normalized(score) + w·normalized(throughput) among the fully tested rows;
 *                       NaN when not fully tested or not computed (see {@link #scored})
 * @param score          the ranking score ({@code --rank-by}; the mean probe accuracy for the published
 *                       {@code ridge}), which the fitness, the Pareto front and the scatter use
 */
public record ProbeRow(
        String spec,
        int[] kernels,
        int[] strides,
        int[] dilations,
        int trials,
        boolean fullyTested,
        double accuracyMean,
        double accuracyMin,
        double accuracyMax,
        double accuracyStd,
        double accuracyTrial0,
        double trainAccuracy,
        double throughput,
        double ratio,
        long params,
        long macs,
        double fitSeconds,
        double fitness,
        double score) {

    /** A row ranked by the published score, the probe accuracy. */
    public ProbeRow(String spec, int[] kernels, int[] strides, int[] dilations, int trials, boolean fullyTested,
            double accuracyMean, double accuracyMin, double accuracyMax, double accuracyStd, double accuracyTrial0,
            double trainAccuracy, double throughput, double ratio, long params, long macs, double fitSeconds,
            double fitness) {
        this(spec, kernels, strides, dilations, trials, fullyTested, accuracyMean, accuracyMin, accuracyMax, accuracyStd,
                accuracyTrial0, trainAccuracy, throughput, ratio, params, macs, fitSeconds, fitness, accuracyMean);
    }

    public ProbeRow {
        if (kernels.length != strides.length || kernels.length != dilations.length) {
            throw new IllegalArgumentException("per-layer arrays differ in length for " + spec);
        }
        kernels = kernels.clone();
        strides = strides.clone();
        dilations = dilations.clone();
    }

    @Override
    public int[] kernels() {
        return kernels.clone();
    }

    @Override
    public int[] strides() {
        return strides.clone();
    }

    @Override
    public int[] dilations() {
        return dilations.clone();
    }

    public int layers() {
        return kernels.length;
    }

    /** Short label for charts and tables: {@code 7,3,5|2,1,2|1,3,1} (kernels | strides | dilations). */
    public String shortLabel() {
        return join(kernels) + "|" + join(strides) + "|" + join(dilations);
    }

    /**
     * The rows (same order) with fitness = normalized(score) + {@code weight} · normalized(throughput),
     * min-max over these rows: {@link io.convprobe.search.Fitness#of}, the search's own formula, so
     * the report and the search rank identically.
     */
    public static List<ProbeRow> scored(List<ProbeRow> rows, double weight) {
        double[] f = io.convprobe.search.Fitness.of(rows.stream().mapToDouble(ProbeRow::score).toArray(),
                rows.stream().mapToDouble(ProbeRow::throughput).toArray(), weight);
        List<ProbeRow> out = new ArrayList<>(rows.size());
        for (int i = 0; i < f.length; i++) {
            out.add(rows.get(i).withFitness(f[i]));
        }
        return out;
    }

    /** The same row with another fitness value (records are immutable). */
    public ProbeRow withFitness(double newFitness) {
        return new ProbeRow(spec, kernels, strides, dilations, trials, fullyTested, accuracyMean,
                accuracyMin, accuracyMax, accuracyStd, accuracyTrial0, trainAccuracy, throughput, ratio,
                params, macs, fitSeconds, newFitness, score);
    }

    static String join(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    // Arrays in records compare by identity; compare by content so equal rows are equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof ProbeRow r
                && spec.equals(r.spec) && Arrays.equals(kernels, r.kernels)
                && Arrays.equals(strides, r.strides) && Arrays.equals(dilations, r.dilations)
                && trials == r.trials && fullyTested == r.fullyTested
                && Double.compare(accuracyMean, r.accuracyMean) == 0
                && Double.compare(accuracyMin, r.accuracyMin) == 0
                && Double.compare(accuracyMax, r.accuracyMax) == 0
                && Double.compare(accuracyStd, r.accuracyStd) == 0
                && Double.compare(accuracyTrial0, r.accuracyTrial0) == 0
                && Double.compare(trainAccuracy, r.trainAccuracy) == 0
                && Double.compare(throughput, r.throughput) == 0
                && Double.compare(ratio, r.ratio) == 0
                && params == r.params && macs == r.macs
                && Double.compare(fitSeconds, r.fitSeconds) == 0
                && Double.compare(fitness, r.fitness) == 0
                && Double.compare(score, r.score) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * spec.hashCode() + Arrays.hashCode(kernels)) + Double.hashCode(accuracyMean);
    }

    @Override
    public String toString() {
        return "ProbeRow[" + spec + ", acc=" + accuracyMean + ", thr=" + throughput + ", ratio=" + ratio
                + ", fullyTested=" + fullyTested + ", fitness=" + fitness + "]";
    }
}
