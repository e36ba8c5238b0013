package io.convprobe.train;

import io.convprobe.UserException;
import java.util.List;
import java.util.Locale;

/**
 * A named training recipe ({@code --recipe}, {@code recipe:} in an experiment file): the values it
 * gives the settings a user leaves unset. Settings given explicitly win one by one, as explicit
 * lists do over a search space's {@code --preset}. Epochs are not part of a recipe: how long to
 * train stays {@code --epochs}/{@code --max-inputs} (default {@value TrainConfig#DEFAULT_EPOCHS} epochs).
 */
public record Recipe(String name, String optimizer, double lr, double momentum, boolean nesterov, double weightDecay,
        int batchSize, String schedule, long warmupSteps, String augment, String normalize, double labelSmoothing) {

    /**
     * NAS-Bench-201's (Dong &amp; Yang, 2020; AutoDL-Projects' {@code configs/nas-benchmark/LESS.config} and
     * {@code CIFAR.config}): {@code torch.optim.SGD(lr=0.1, momentum=0.9, weight_decay=5e-4,
     * nesterov=True)} (weight decay coupled, added to the gradient), cosine annealing to 0 over the
     * run per update with no warm-up, batch 256, random crop 32 with padding 4 + horizontal flip,
     * normalisation by CIFAR-10's mean and std, plain cross-entropy. The paper trains 200 epochs (and
     * 12 for its short runs).
     */
    public static final Recipe NB201 = new Recipe("nb201", "sgd", 0.1, 0.9, true, 5e-4, 256, "cosine", 0, "crop-flip",
            Normalization.CIFAR10, 0.0);

    public static final List<Recipe> ALL = List.of(NB201);

    /** The recipe called {@code name}; a one-line {@link UserException} listing the known ones otherwise. */
    public static Recipe of(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Recipe r : ALL) {
            if (r.name.equals(n)) {
                return r;
            }
        }
        throw new UserException("unknown recipe '" + name + "' (known: "
                + String.join(", ", ALL.stream().map(Recipe::name).toList()) + ")");
    }
}
