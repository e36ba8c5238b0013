package io.convprobe.search;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Layer;
import io.convprobe.probe.TrialResult;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One architecture's results over its trials. Accuracies in percent (mean, min, max and the sample
 * standard deviation, n−1, 0 for a single trial), throughput in images/s and ridge fit seconds as
 * trial means. {@code fitness} is NaN unless the architecture is {@link ArchStatus#FULL} and
 * {@link Fitness} has scored it. {@code spaceIndex} is −1 for architectures from a list file.
 * {@code proxies} = each stored proxy's mean over the trials that have it (NaN values skipped; NaN
 * when no trial has a value).
 */
public record ArchAggregate(long id, long spaceIndex, String spec, List<Integer> kernels, List<Integer> strides,
        List<Integer> dilations, ArchStatus status, int trials, double accuracy, double minAccuracy,
        double maxAccuracy, double stdAccuracy, double trainAccuracy, double throughput, double ratio, long params,
        long macs, long features, double ridgeSeconds, double fitness, Map<String, Double> proxies) {

    public ArchAggregate {
        kernels = List.copyOf(kernels);
        strides = List.copyOf(strides);
        dilations = List.copyOf(dilations);
        proxies = Collections.unmodifiableMap(new TreeMap<>(proxies));
    }

    /** Aggregates {@code results} (at least one trial) of an architecture. */
    public static ArchAggregate of(long id, long spaceIndex, ArchSpec spec, String specText, ArchStatus status,
            List<TrialResult> results, double ratio, long params, long macs, long features) {
        int n = results.size();
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double train = 0;
        double thr = 0;
        double ridge = 0;
        for (TrialResult r : results) {
            sum += r.testAccuracy();
            min = Math.min(min, r.testAccuracy());
            max = Math.max(max, r.testAccuracy());
            train += r.trainAccuracy();
            thr += r.throughput();
            ridge += r.ridgeSeconds();
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double ss = 0;
        for (TrialResult r : results) {
            ss += (r.testAccuracy() - mean) * (r.testAccuracy() - mean);
        }
        double std = n == 0 ? Double.NaN : n == 1 ? 0 : Math.sqrt(ss / (n - 1));
        List<Layer.Conv> convs = spec.convs();
        return new ArchAggregate(id, spaceIndex, specText, convs.stream().map(Layer.Conv::kernel).toList(),
                convs.stream().map(Layer.Conv::stride).toList(), convs.stream().map(Layer.Conv::dilation).toList(),
                status, n, mean, n == 0 ? Double.NaN : min, n == 0 ? Double.NaN : max, std,
                n == 0 ? Double.NaN : train / n, n == 0 ? Double.NaN : thr / n, ratio, params, macs, features,
                n == 0 ? Double.NaN : ridge / n, Double.NaN, proxyMeans(results));
    }

    private static Map<String, Double> proxyMeans(List<TrialResult> results) {
        Map<String, double[]> acc = new TreeMap<>(); // proxy -> {sum, count}
        for (TrialResult r : results) {
            r.proxies().forEach((name, v) -> {
                double[] s = acc.computeIfAbsent(name, k -> new double[2]);
                if (!Double.isNaN(v)) {
                    s[0] += v;
                    s[1]++;
                }
            });
        }
        Map<String, Double> out = new TreeMap<>();
        acc.forEach((name, s) -> out.put(name, s[1] == 0 ? Double.NaN : s[0] / s[1]));
        return out;
    }

    public ArchAggregate withFitness(double f) {
        return new ArchAggregate(id, spaceIndex, spec, kernels, strides, dilations, status, trials, accuracy,
                minAccuracy, maxAccuracy, stdAccuracy, trainAccuracy, throughput, ratio, params, macs, features,
                ridgeSeconds, f, proxies);
    }
}
