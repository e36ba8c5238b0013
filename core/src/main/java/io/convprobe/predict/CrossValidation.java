package io.convprobe.predict;

import io.convprobe.stats.Shuffle;
import java.util.ArrayList;
import java.util.List;

/**
 * K-fold cross-validation, deterministic for a seed: a seeded permutation deals the rows into
 * {@code min(n, K)} folds (leave-one-out when n ≤ K). Each fold's model is fitted on the other folds'
 * rows alone, its target ranked among them alone, so nothing of a held-out row — features or
 * accuracy — reaches the model that predicts it.
 */
final class CrossValidation {
    private CrossValidation() {}

    /** The fold of each row. */
    static int[] folds(int n, int k, long seed) {
        int[] perm = Shuffle.permutation(n, seed);
        int folds = Math.min(n, k);
        int[] out = new int[n];
        for (int p = 0; p < n; p++) {
            out[perm[p]] = p % folds;
        }
        return out;
    }

    /** Each row's prediction by {@code kind} fitted on the rows of the other folds. */
    static double[] outOfFold(Kind kind, List<Features> rows, double[] accuracy, int[] fold, long seed) {
        int n = rows.size();
        int folds = 0;
        for (int f : fold) {
            folds = Math.max(folds, f + 1);
        }
        double[] out = new double[n];
        for (int f = 0; f < folds; f++) {
            List<Features> train = new ArrayList<>();
            List<Double> acc = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    train.add(rows.get(i));
                    acc.add(accuracy[i]);
                }
            }
            Trained m = kind.train(train, Predictor.target(acc.stream().mapToDouble(Double::doubleValue).toArray()),
                    seed + 1 + f);
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    out[i] = m.predict(rows.get(i));
                }
            }
        }
        return out;
    }
}
