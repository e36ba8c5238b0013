package io.convprobe.predict;

/**
 * One network's inputs to the predictor.
 *
 * @param id       the caller's id of the network (not used by the models)
 * @param prior    percentile in [0, 1] (1 = best) of the training-free ranking the predictor starts from
 * @param scores   percentiles in [0, 1] of each evaluated training-free score among the screened
 *                 networks (the caller puts 0.5 for a missing one)
 * @param encoding {@link ArchEncoding#encode} of its spec
 */
public record Features(long id, double prior, double[] scores, double[] encoding) {
    public Features {
        scores = scores.clone();
        encoding = encoding.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public double[] encoding() {
        return encoding.clone();
    }

    /** [prior, scores] and, with {@code arch}, the encoding after them: a model's input row. */
    double[] row(boolean arch) {
        double[] out = new double[1 + scores.length + (arch ? encoding.length : 0)];
        out[0] = prior;
        System.arraycopy(scores, 0, out, 1, scores.length);
        if (arch) {
            System.arraycopy(encoding, 0, out, 1 + scores.length, encoding.length);
        }
        return out;
    }
}
