package io.convprobe.train;

import java.util.List;

/**
 * A checkpoint's header: what was trained and how far. {@code epoch} counts completed epochs;
 * {@code updates} optimizer steps; {@code spec} is the full network (with head) in compact form.
 * RNG state: every random stream of a run is derived from (seed, epoch, batch), so the epoch is the
 * whole RNG state — shuffle, augmentation and the engine's dropout generator are re-seeded per epoch.
 */
public record CheckpointInfo(
        int format,
        TrainConfig config,
        String spec,
        String inputShape,
        List<String> classes,
        int epoch,
        long updates,
        long imagesSeen,
        int bestEpoch,
        double bestValAccuracy,
        double bestValLoss,
        double trainSeconds) {
    public static final int FORMAT = 1;

    public CheckpointInfo {
        classes = List.copyOf(classes);
    }
}
