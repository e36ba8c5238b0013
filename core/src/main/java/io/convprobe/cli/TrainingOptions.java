package io.convprobe.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The training flags of the commands that train a screen's networks ({@code validate}, {@code
 * find}): validate's settings, a recipe's values for the ones left out ({@link
 * io.convprobe.validate.Study.Request}). Use with {@code @Mixin TrainingOptions training;}.
 */
public final class TrainingOptions {
    /** Every flag of this mixin, for commands that refuse training flags when nothing trains. */
    static final List<String> FLAGS = List.of("--epochs", "--recipe", "--optimizer", "--lr", "--schedule", "--batch-size",
            "--augment", "--normalize", "--dataset", "--data-dir", "--train-size", "--test-size");

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per training (default 10).")
    Integer epochs;

    @Option(names = "--recipe", paramLabel = "NAME", description = "A training recipe (as in train: nb201 = "
            + "NAS-Bench-201's SGD recipe) giving the training options you leave out their values.")
    String recipe;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "sgd, adam, adamw (default adamw, or the recipe's).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (default 2e-3, or the recipe's).")
    Double lr;

    @Option(names = "--schedule", paramLabel = "NAME", description = "constant, step, cosine (default cosine, or the recipe's).")
    String schedule;

    @Option(names = "--batch-size", paramLabel = "N", description = "Training batch size (default 64, or the recipe's).")
    Integer batchSize;

    @Option(names = "--augment", paramLabel = "AUG", description = "none, crop-flip, trivialwide, erasing; '+' combines "
            + "(default none, or the recipe's).")
    String augment;

    @Option(names = "--normalize", paramLabel = "NORM", description = "Input normalisation after x/255 as in train "
            + "(default none, or the recipe's).")
    String normalize;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Training data (default: the search's dataset).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Look here first for dataset files.")
    Path dataDir;

    @Option(names = "--train-size", paramLabel = "N", description = "Train on a fixed seeded, class-stratified subset of N training images (default: all).")
    Integer trainSize;

    @Option(names = "--test-size", paramLabel = "N", description = "Validate on the first N test images (default: the whole test split).")
    Integer testSize;

    /** The flags of {@code flags} the user gave on {@code cmd}'s command line. */
    static List<String> given(CommandSpec cmd, List<String> flags) {
        List<String> out = new ArrayList<>();
        for (String f : flags) {
            if (cmd.commandLine().getParseResult().hasMatchedOption(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
