package io.convprobe.find;

import io.convprobe.UserException;

/**
 * What a rung below the last says about a network, for promotion to the next rung and as the
 * predictor's target at rung 0. The last rung always ranks by accuracy: that is what the user wants
 * trained.
 *
 * <ul>
 *   <li>{@link #ACCURACY}: validation accuracy after the rung's epochs;</li>
 *   <li>{@link #TSE}: the training speed estimate (Ru et al. 2021): the sum of the training losses
 *       over the rung's epochs, lower better. It reads the whole training so far rather than one
 *       noisy evaluation at its end; on the 60-network CIFAR-10 study (docs/findings.md) it ranked the
 *       final accuracies at ρ 0.57 after one epoch of ten, where the accuracy after that epoch ranked
 *       them at 0.32. Needs an oracle that trains or replays curves; a table has only accuracies.</li>
 * </ul>
 */
public enum RungScore {
    ACCURACY("accuracy"), TSE("tse");

    private final String label;

    RungScore(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static RungScore of(String label) {
        for (RungScore s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new UserException("--rung-score '" + label + "': one of accuracy, tse");
    }

    /**
     * Higher = better: the accuracy, or −TSE ({@code tse}: the summed training loss, NaN when the
     * oracle has none, which ranks the network last as a failed training does).
     */
    double value(double accuracy, double tse) {
        return this == ACCURACY ? accuracy : -tse;
    }
}
