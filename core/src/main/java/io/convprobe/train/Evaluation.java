package io.convprobe.train;

/**
 * Loss and accuracy of a network on a labelled split: mean cross-entropy (no smoothing), accuracy,
 * and the confusion matrix {@code confusion[true][predicted]}.
 */
public record Evaluation(double loss, long[][] confusion) {
    public long count() {
        long n = 0;
        for (long[] row : confusion) {
            for (long v : row) {
                n += v;
            }
        }
        return n;
    }

    public long correct() {
        long c = 0;
        for (int i = 0; i < confusion.length; i++) {
            c += confusion[i][i];
        }
        return c;
    }

    public double accuracy() {
        long n = count();
        return n == 0 ? Double.NaN : (double) correct() / n;
    }

    /** Accuracy per true class (NaN for a class with no examples). */
    public double[] perClassAccuracy() {
        double[] out = new double[confusion.length];
        for (int i = 0; i < confusion.length; i++) {
            long n = 0;
            for (long v : confusion[i]) {
                n += v;
            }
            out[i] = n == 0 ? Double.NaN : (double) confusion[i][i] / n;
        }
        return out;
    }
}
