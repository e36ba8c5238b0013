package io.convprobe.predict;

import io.convprobe.stats.RidgeRegression;
import java.util.List;

/**
 * The candidate models, kept few and standard: the prior alone; ridge (alpha {@value #RIDGE_ALPHA},
 * as the combined score) on [prior, scores]; the same with the architecture's encoding; a random
 * forest ({@link Forest}) on [prior, scores, encoding].
 */
enum Kind {
    PRIOR("prior", false), RIDGE("ridge", false), RIDGE_ARCH("ridge+arch", true), FOREST_ARCH("forest+arch", true);

    static final double RIDGE_ALPHA = 1.0;

    private final String label;
    private final boolean arch;

    Kind(String label, boolean arch) {
        this.label = label;
        this.arch = arch;
    }

    String label() {
        return label;
    }

    static Kind of(String label) {
        for (Kind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown model '" + label + "' (known: prior, ridge, ridge+arch, forest+arch)");
    }

    /**
     * Fits on {@code rows} with {@code target} (the accuracies' ranks scaled to [0, 1]) and puts the
     * prediction on the prior's scale ({@link OnPriorScale}); PRIOR fits nothing.
     */
    Trained train(List<Features> rows, double[] target, long seed) {
        return this == PRIOR ? raw(rows, target, seed) : OnPriorScale.of(raw(rows, target, seed), rows);
    }

    private Trained raw(List<Features> rows, double[] target, long seed) {
        if (this == PRIOR) {
            return new Trained() {
                @Override
                public double predict(Features f) {
                    return f.prior();
                }

                @Override
                public double spread(Features f) {
                    return Double.NaN;
                }
            };
        }
        double[][] x = rows.stream().map(f -> f.row(arch)).toArray(double[][]::new);
        if (this == FOREST_ARCH) {
            return Forest.train(x, target, seed, arch);
        }
        RidgeRegression r = RidgeRegression.fit(x, target, RIDGE_ALPHA);
        return new Trained() {
            @Override
            public double predict(Features f) {
                return r.predict(f.row(arch));
            }

            @Override
            public double spread(Features f) {
                return Double.NaN;
            }
        };
    }
}
