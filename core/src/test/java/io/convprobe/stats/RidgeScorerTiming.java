package io.convprobe.stats;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.convprobe.nn.EngineThreads;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Not a test: where {@link RidgeScorer}'s seconds go for the probe's shape (500 train, 500 test,
 * 10 classes), by phase, for the feature counts given (default: the bench slab's range).
 * Run: java -Dai.djl.offline=true -cp core/target/classes:core/target/test-classes:core/target/lib/* \
 *   io.convprobe.stats.RidgeScorerTiming [threads] [d ...]
 */
public final class RidgeScorerTiming {
    private RidgeScorerTiming() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        EngineThreads.set(threads);
        int[] ds = args.length > 1 ? java.util.Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray()
                : new int[] {5408, 12800, 27648};
        int n = 500;
        int m = 500;
        SplittableRandom rng = new SplittableRandom(1);
        int[] y = new int[n];
        int[] yt = new int[m];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(10);
            yt[i] = rng.nextInt(10);
        }
        RidgeScorer scorer = new RidgeScorer();
        try (NDManager mgr = NDManager.newBaseManager()) {
            for (int d : ds) {
                NDArray x = mgr.randomUniform(0, 1, new Shape(n, d)).maximum(0.5f);
                NDArray z = mgr.randomUniform(0, 1, new Shape(m, d)).maximum(0.5f);
                for (int rep = 0; rep < 6; rep++) {
                    long t0 = System.nanoTime();
                    RidgeScorer.Score s = scorer.score(x, y, z, yt, 10, mgr);
                    long t1 = System.nanoTime();
                    double[] ph = phases(x, z, n, y);
                    System.out.printf(Locale.ROOT, "d=%6d score %6.1f ms | phases: centre %.1f, gram %.1f, gram->jvm %.1f, "
                            + "solve %.1f, coef %.1f, test %.1f, train %.1f ms (flat gram %.1f ms) acc %.1f%n", d,
                            (t1 - t0) / 1e6, ph[0], ph[1], ph[2], ph[3], ph[4], ph[5], ph[6], ph[7], s.testAccuracy());
                }
                x.close();
                z.close();
            }
        }
    }

    private static double[] K = new double[0];

    /** The scorer's steps one by one, in milliseconds. */
    private static double[] phases(NDArray train, NDArray test, int n, int[] labels) {
        double[] ms = new double[8];
        try (NDManager tmp = train.getManager().newSubManager()) {
            long t = System.nanoTime();
            NDArray mean = train.mean(new int[] {0}, true);
            NDArray xc = train.sub(mean);
            xc.attach(tmp);
            mean.attach(tmp);
            ms[0] = lap(t);
            t = System.nanoTime();
            int h = n / 2;
            NDArray top = xc.get("0:" + h);
            NDArray bottom = xc.get(h + ":");
            NDArray a = top.matMul(top.transpose());
            NDArray b = top.matMul(bottom.transpose());
            NDArray c = bottom.matMul(bottom.transpose());
            ms[1] = lap(t);
            t = System.nanoTime();
            java.nio.FloatBuffer af = a.toByteBuffer(true).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
            java.nio.FloatBuffer bf = b.toByteBuffer(true).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
            java.nio.FloatBuffer cf = c.toByteBuffer(true).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
            double[] k = K.length == n * n ? K : (K = new double[n * n]);
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < h; j++) {
                    k[i * n + j] = af.get(i * h + j);
                    double v = bf.get(i * h + j);
                    k[i * n + h + j] = v;
                    k[(h + j) * n + i] = v;
                    k[(h + i) * n + h + j] = cf.get(i * h + j);
                }
            }
            ms[2] = lap(t);
            t = System.nanoTime();
            KernelRidgeModel model = new RidgeClassifier().fitKernel(k, n, labels, 10);
            ms[3] = lap(t);
            t = System.nanoTime();
            int cols = model.columns();
            float[] at = new float[cols * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < cols; j++) {
                    at[j * n + i] = (float) model.dualCoef()[i * cols + j];
                }
            }
            NDArray coef = tmp.create(at, new Shape(cols, n)).matMul(xc);
            ms[4] = lap(t);
            t = System.nanoTime();
            double[] dec = test.matMul(coef.transpose()).toType(DataType.FLOAT64, false).toDoubleArray();
            ms[5] = lap(t);
            t = System.nanoTime();
            model.decisionFromCrossGram(k, n);
            ms[6] = lap(t);
            t = System.nanoTime();
            xc.matMul(xc.transpose()).toType(DataType.FLOAT64, false).toDoubleArray();
            ms[7] = lap(t);
            if (dec.length == 0) {
                throw new AssertionError();
            }
        }
        return ms;
    }

    private static double lap(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
