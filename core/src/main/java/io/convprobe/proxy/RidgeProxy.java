package io.convprobe.proxy;

/**
 * {@code ridge}: the published probe's score, unchanged — test accuracy in percent of
 * scikit-learn's {@code RidgeClassifier()} fit on the random-weight features of the first N train
 * images and scored on the first M test images (the probe's {@code RidgeScorer}). Stored as a
 * proxy so that every score is read from one place; NaN for a trial cut on throughput before
 * features.
 */
final class RidgeProxy implements Proxy {
    @Override
    public String name() {
        return "ridge";
    }

    @Override
    public double score(ProxyInput in) {
        return in.ridgeAccuracy();
    }
}
