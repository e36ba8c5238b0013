package io.convprobe.report;

/** Hand-made probe rows for the unit tests. */
final class Rows {
    private Rows() {}

    static ProbeRow row(String name, double accuracy, double throughput) {
        return new ProbeRow(name, new int[] {3}, new int[] {1}, new int[] {1}, 5, true, accuracy, accuracy,
                accuracy, 0, accuracy, accuracy, throughput, 0.5, 100, 1000, 0.1, Double.NaN);
    }
}
