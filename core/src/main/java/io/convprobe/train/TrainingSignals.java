package io.convprobe.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores of a network read off its own training's epoch rows, at no extra cost (Ru et al. 2021's
 * training speed estimate, and early validation accuracy), oriented higher = better:
 * <ul>
 *   <li>{@code tse_1} = −TSE over epoch 1, {@code tse_<E>} = −TSE over epochs 1..E, where TSE over an
 *   epoch = its row's per-image mean training loss × its minibatches. The mean is Σ(batch loss ×
 *   batch size) / images (what {@link Training} records), so this equals the sum of the minibatch
 *   losses exactly when every batch is full and weights a short last batch by its size otherwise;
 *   within a study every network has the same batches, so the ranking is the sum of epoch means.</li>
 *   <li>{@code val_1} = validation accuracy after epoch 1, percent.</li>
 * </ul>
 * E is the first rung of a successive halving over the training's R epochs with η = 3 ({@link
 * #firstRung}); {@code tse_E} exists only when E > 1 (else it is {@code tse_1}).
 *
 * @param tse1   −TSE over the first epoch
 * @param tseE   −TSE over the first {@code e} epochs (NaN when e = 1)
 * @param e      the first rung's epochs
 * @param val1   validation accuracy after epoch 1, percent
 * @param epochs R, the full training's epochs (the denominator of a score's cost)
 */
public record TrainingSignals(double tse1, double tseE, int e, double val1, int epochs) {
    /** Successive halving's reduction factor: a rung keeps a third and trains it three times longer. */
    public static final int ETA = 3;
    public static final String TSE = "tse_";
    public static final String VAL_1 = "val_1";

    /** E = max(1, round(R / η²)): with three rungs ending at R, the first trains R/9 epochs. */
    public static int firstRung(int epochs) {
        return Math.max(1, (int) Math.round(epochs / (double) (ETA * ETA)));
    }

    /**
     * The signals of a finished training: its epoch rows (epoch 1 first), its minibatches per epoch and
     * its planned epochs R. Rows that stop before E give NaN for what needs them.
     */
    public static TrainingSignals of(List<EpochMetrics> rows, int batchesPerEpoch, int epochs) {
        int e = firstRung(epochs);
        return new TrainingSignals(-tse(rows, batchesPerEpoch, 1), e > 1 ? -tse(rows, batchesPerEpoch, e) : Double.NaN,
                e, rows.isEmpty() ? Double.NaN : 100 * rows.get(0).valAccuracy(), epochs);
    }

    /** TSE over epochs 1..upTo: Σ mean training loss × minibatches (NaN when fewer rows). */
    public static double tse(List<EpochMetrics> rows, int batchesPerEpoch, int upTo) {
        if (rows.size() < upTo) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < upTo; i++) {
            s += rows.get(i).trainLoss() * batchesPerEpoch;
        }
        return s;
    }

    /** The scores by name ({@code tse_1}, {@code tse_<E>} when E > 1, {@code val_1}), in that order. */
    public Map<String, Double> scores() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(TSE + 1, tse1);
        if (e > 1) {
            m.put(TSE + e, tseE);
        }
        m.put(VAL_1, val1);
        return m;
    }

    /** The epochs a score needs: E for {@code tse_<E>}, else 1. */
    public static int epochsOf(String score) {
        return score.startsWith(TSE) ? Integer.parseInt(score.substring(TSE.length())) : 1;
    }

    /** What a score costs as a fraction of the full training: its epochs / R. */
    public double cost(String score) {
        return (double) epochsOf(score) / epochs;
    }
}
