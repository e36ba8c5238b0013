package io.convprobe.stats;

import java.util.Random;

/**
 * Not a test: measures the ridge fit for the screen's typical shape (n = 500 train samples, 10 classes).
 * Run: java -cp target/classes:target/test-classes:$(cat cp.txt) io.convprobe.stats.RidgeFitTiming 10000 100000
 */
public final class RidgeFitTiming {
    private RidgeFitTiming() {
    }

    public static void main(String[] args) {
        int n = 500;
        Random rnd = new Random(1);
        RidgeClassifier ridge = new RidgeClassifier();
        for (String arg : args) {
            int d = Integer.parseInt(arg);
            float[] x = new float[n * d];
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.max(0f, (float) rnd.nextGaussian()); // ReLU-like
            }
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % 10;
            }
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                double[] mean = GramMatrix.columnMeans(x, n, d);
                long t1 = System.nanoTime();
                double[] gram = GramMatrix.centredGram(x, n, d, mean);
                long t2 = System.nanoTime();
                RidgeModel model = ridge.fit(x, n, d, labels, 10);
                long t3 = System.nanoTime();
                double acc = model.accuracyPercent(x, n, labels);
                long t4 = System.nanoTime();
                System.out.printf("n=%d d=%d fit %.3f s (form %s; means %.3f s, Gram %.3f s) predict %d: %.3f s, train acc %.1f%%, gram[0]=%.3f%n",
                        n, d, model.fitSeconds(), model.form(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, n, (t4 - t3) / 1e9, acc, gram[0]);
            }
        }
    }
}
