package io.convprobe.probe;

import java.util.Map;
import java.util.TreeMap;

/**
 * One trial of one architecture: fresh random weights, features of the train and test images, a
 * ridge fit. Accuracies in percent; throughput in images per second of the network's forward pass
 * (see {@code docs/design.md} for exactly what is timed); ridge fit in seconds.
 *
 * <p>{@code proxies} holds the training-free scores computed on the same random weights, by proxy
 * name ("higher = predicted better" for every one); empty when none were asked for. Every
 * requested proxy is here, including {@code ridge} (= {@code testAccuracy}) and the free shape
 * counts, so consumers read every score from one map.
 */
public record TrialResult(int trial, double testAccuracy, double trainAccuracy, double throughput,
        double ridgeSeconds, long features, Map<String, Double> proxies) implements java.io.Serializable {

    public TrialResult {
        proxies = java.util.Collections.unmodifiableMap(new TreeMap<>(proxies));
    }

    /** A trial without proxy scores. */
    public TrialResult(int trial, double testAccuracy, double trainAccuracy, double throughput, double ridgeSeconds,
            long features) {
        this(trial, testAccuracy, trainAccuracy, throughput, ridgeSeconds, features, Map.of());
    }

    /** The same trial with these proxy scores added (replacing same-named ones). */
    public TrialResult withProxies(Map<String, Double> more) {
        Map<String, Double> m = new TreeMap<>(proxies);
        m.putAll(more);
        return new TrialResult(trial, testAccuracy, trainAccuracy, throughput, ridgeSeconds, features, m);
    }
}
