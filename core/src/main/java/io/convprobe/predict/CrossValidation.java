package io.convprobe.predict;

import io.convprobe.stats.RankCorrelation;
import io.convprobe.stats.Shuffle;
import java.util.ArrayList;
import java.util.List;

/**
 * Repeated K-fold cross-validation, deterministic for a seed: a seeded permutation deals the rows
 * into {@code min(n, K)} folds (leave-one-out when n ≤ K), a new permutation per repeat. Each fold's
 * model is fitted on the other folds' rows alone, its target ranked among them alone, so nothing of a
 * held-out row — features or accuracy — reaches the model that predicts it.
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

    /** The folds of each repeat: repeat r deals with seed {@code seed + r} (repeat 0 is {@link #folds}{@code (n, k, seed)}). */
    static List<int[]> repeatedFolds(int n, int k, int repeats, long seed) {
        List<int[]> out = new ArrayList<>(repeats);
        for (int r = 0; r < repeats; r++) {
            out.add(folds(n, k, seed + r));
        }
        return out;
    }

    /**
     * The cross-validated score of out-of-fold {@code predictions} (one array per repeat, dealt by
     * {@code folds}): ρ is the mean over repeats of each repeat's Spearman ρ; the standard error is
     * glmnet's {@code cvsd} per repeat, averaged over repeats. glmnet's needs a loss per row; Spearman's
     * ρ is one: ρ = mean over rows of 1 − 6·d²/(n² − 1), d the row's rank difference between prediction
     * and accuracy (exactly so without ties). The SE is the spread of that mean across the folds —
     * √(Σ w_k (m_k − m)² / Σ w_k / (K − 1)), m_k a fold's mean, w_k its size — so with few rows the
     * standard error is large, as it should be.
     */
    static OneSeRule.Score score(List<double[]> predictions, List<int[]> folds, double[] accuracy) {
        int n = accuracy.length;
        double[] ra = RankCorrelation.averageRanks(accuracy);
        double rho = 0;
        double se = 0;
        for (int r = 0; r < predictions.size(); r++) {
            double[] p = predictions.get(r);
            rho += Predictor.rho(p, accuracy);
            double[] rp = RankCorrelation.averageRanks(p);
            int[] fold = folds.get(r);
            int k = 0;
            for (int f : fold) {
                k = Math.max(k, f + 1);
            }
            double[] sum = new double[k];
            int[] size = new int[k];
            for (int i = 0; i < n; i++) {
                double d = rp[i] - ra[i];
                sum[fold[i]] += 1 - 6 * d * d / ((double) n * n - 1);
                size[fold[i]]++;
            }
            double mean = 0;
            for (double v : sum) {
                mean += v;
            }
            mean /= n;
            double ss = 0;
            for (int f = 0; f < k; f++) {
                double m = sum[f] / size[f];
                ss += size[f] * (m - mean) * (m - mean);
            }
            se += k > 1 ? Math.sqrt(ss / n / (k - 1)) : 0;
        }
        return new OneSeRule.Score(rho / predictions.size(), se / predictions.size());
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
