package io.convprobe.find;

/**
 * What a guided search asks of the world: a network's accuracy after some epochs of its training.
 * A training is continued, never restarted, so observing network i at e epochs after it was
 * observed at e' &lt; e costs e − e' epochs; a first observation at e costs e. The cost unit is
 * therefore the epoch, and for an oracle that only knows final accuracies ({@link #fullEpochs} =
 * 1: a benchmark table) it is the network revealed.
 */
public interface Oracle {
    /** Accuracy (percent) of network {@code network} (an index into the search's population) after {@code epochs} epochs. */
    double observe(int network, int epochs);

    /**
     * The training speed estimate after {@code observe(network, epochs)}: the sum over epochs 1 ..
     * {@code epochs} of each epoch's mean training loss (its minibatch losses' sum over the minibatch
     * count, which every network of one search shares, so the ranking is TSE's). NaN when unknown (a
     * table, a failed training).
     */
    default double trainingLoss(int network, int epochs) {
        return Double.NaN;
    }

    /** R: the epochs of a full training (1 when only final accuracies exist). */
    int fullEpochs();

    /** What one unit of cost is: {@code epochs} or {@code networks}. */
    default String unit() {
        return fullEpochs() == 1 ? "networks" : "epochs";
    }

    /** The cost of observing a network at {@code epochs} when it was observed at {@code before} (0: never). */
    static int cost(int before, int epochs) {
        return Math.max(0, epochs - before);
    }

    /** Final accuracies only (a benchmark table): every network's accuracy is revealed at once. */
    static Oracle table(double[] accuracy) {
        double[] acc = accuracy.clone();
        return new Oracle() {
            @Override
            public double observe(int network, int epochs) {
                return acc[network];
            }

            @Override
            public int fullEpochs() {
                return 1;
            }
        };
    }

    /**
     * Recorded learning curves: {@code curves[i][e − 1]} = network i's accuracy after epoch e of one
     * R-epoch training, exactly what a continued training observes at e.
     */
    static Oracle curves(double[][] curves) {
        return curves(curves, null);
    }

    /** As {@link #curves(double[][])}, with each epoch's mean training loss ({@code losses[i][e − 1]}; null: none). */
    static Oracle curves(double[][] curves, double[][] losses) {
        int r = curves.length == 0 ? 1 : curves[0].length;
        for (int i = 0; i < curves.length; i++) {
            if (curves[i].length != r || (losses != null && losses[i].length != r)) {
                throw new IllegalArgumentException("every curve needs " + r + " epochs, network " + i + " has "
                        + curves[i].length + (losses != null ? " and " + losses[i].length + " losses" : ""));
            }
        }
        double[][] copy = java.util.Arrays.stream(curves).map(double[]::clone).toArray(double[][]::new);
        double[][] loss = losses == null ? null : java.util.Arrays.stream(losses).map(double[]::clone).toArray(double[][]::new);
        return new Oracle() {
            @Override
            public double observe(int network, int epochs) {
                return copy[network][epochs - 1];
            }

            @Override
            public double trainingLoss(int network, int epochs) {
                if (loss == null) {
                    return Double.NaN;
                }
                double s = 0;
                for (int e = 0; e < epochs; e++) {
                    s += loss[network][e];
                }
                return s;
            }

            @Override
            public int fullEpochs() {
                return r;
            }
        };
    }
}
