package io.convprobe.predict;

import io.convprobe.arch.Nb201Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Made-up populations of NAS-Bench-201 cells for the predictor's tests. */
final class Synthetic {
    final List<String> specs = new ArrayList<>();
    final List<Features> rows = new ArrayList<>();
    final double[] accuracy;

    /**
     * {@code n} random cells; accuracy = 3·(conv 3×3 edges) + 2·(conv 1×1 edges) − 4·(none on edge 0→3)
     * + {@code noise}·N(0,1); the prior and two scores are noise plus {@code priorSignal} × the truth's percentile.
     */
    Synthetic(int n, double priorSignal, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        accuracy = new double[n];
        Nb201Spec.Op[] ops = Nb201Spec.Op.values();
        for (int i = 0; i < n; i++) {
            StringBuilder cell = new StringBuilder("nb201:|");
            int[] from = {0, 0, 1, 0, 1, 2};
            double acc = 0;
            for (int e = 0; e < 6; e++) {
                Nb201Spec.Op op = ops[rng.nextInt(ops.length)];
                cell.append(op.key()).append('~').append(from[e]).append('|');
                if (e == 0 || e == 2) {
                    cell.append("+|");
                }
                acc += op == Nb201Spec.Op.NOR_CONV_3X3 ? 3 : op == Nb201Spec.Op.NOR_CONV_1X1 ? 2 : 0;
                acc -= e == 3 && op == Nb201Spec.Op.NONE ? 4 : 0;
            }
            specs.add(cell.toString());
            accuracy[i] = acc + noise * gaussian(rng);
        }
        ArchEncoding enc = ArchEncoding.fit(specs);
        double[] truth = io.convprobe.validate.CombinedScore.percentiles(accuracy);
        for (int i = 0; i < n; i++) {
            double prior = priorSignal * truth[i] + (1 - priorSignal) * rng.nextDouble();
            double[] scores = {rng.nextDouble(), priorSignal * truth[i] + (1 - priorSignal) * rng.nextDouble()};
            rows.add(new Features(i, prior, scores, enc.encode(specs.get(i))));
        }
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
