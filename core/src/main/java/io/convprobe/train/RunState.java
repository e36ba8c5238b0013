package io.convprobe.train;

import java.util.List;

/**
 * Where a training stands after {@link Training#run(boolean, int)}: its epoch rows so far, the
 * epochs its config plans in all, and its summary once the last of them is trained (null before).
 */
public record RunState(List<EpochMetrics> epochs, int plannedEpochs, RunSummary summary) {
    public RunState {
        epochs = List.copyOf(epochs);
    }

    public boolean finished() {
        return summary != null;
    }

    /** The last epoch's row, or null before the first epoch. */
    public EpochMetrics last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }
}
