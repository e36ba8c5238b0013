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
        int r = curves.length == 0 ? 1 : curves[0].length;
        for (double[] c : curves) {
            if (c.length != r) {
                throw new IllegalArgumentException("every curve needs " + r + " epochs, one has " + c.length);
            }
        }
        double[][] copy = java.util.Arrays.stream(curves).map(double[]::clone).toArray(double[][]::new);
        return new Oracle() {
            @Override
            public double observe(int network, int epochs) {
                return copy[network][epochs - 1];
            }

            @Override
            public int fullEpochs() {
                return r;
            }
        };
    }
}
