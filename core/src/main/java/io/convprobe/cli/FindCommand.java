package io.convprobe.cli;

import io.convprobe.UserException;
import io.convprobe.find.Find;
import io.convprobe.find.FindText;
import io.convprobe.find.RungScore;
import io.convprobe.nn.EngineThreads;
import io.convprobe.validate.Study;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code convprobe find RUN --budget B}: from a finished screen to the best trained network. */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = {"From a finished screen to a trained network: train a small seed set stratified across the",
            "screen's ranking briefly, fit the predictor (scores + architecture, prior = the screen's ranking), train",
            "the networks it ranks best, refit, then successive halving over epochs (eta 3, trainings continued)",
            "and the winner trained to --epochs. Writes RUN/find/ (trainings, trajectory.csv, find.json);",
            "re-running the same command resumes and trains nothing twice."},
        footer = {"", "Examples:",
            "  convprobe find runs/screen --budget 25%% --epochs 10 --lr 2e-3",
            "  convprobe find runs/screen --budget 25%% --rung-score accuracy   # promote by accuracy, not TSE",
            "  convprobe find runs/nb201 --budget 50 --accuracies ../shared/nb201/nb201_dev245.json \\",
            "      --column cifar10_val_accuracy     # benchmark mode: reveal 50 networks' table accuracies"})
public final class FindCommand implements Callable<Integer>, TakesGradients {
    @Parameters(index = "0", paramLabel = "RUN", description = "A finished screen: a search run directory (results.db) "
            + "or a cell screen's (cells.db, search --preset nb201).")
    Path run;

    @Option(names = "--budget", required = true, paramLabel = "B", description = "Training budget: epochs in all "
            + "(e.g. 60), or a percentage of training every screened network fully (e.g. 25%%); with --accuracies: "
            + "networks revealed.")
    String budget;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the seed set, the predictor "
            + "and the trainings (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--seed-set", defaultValue = "" + Find.DEFAULT_SEED_SET, paramLabel = "K", description = "Networks "
            + "trained before the first fit, stratified across the screen's ranking, top 3 in (default ${DEFAULT-VALUE}).")
    int seedSet;

    @Option(names = "--rung-score", paramLabel = "NAME", description = "What ranks networks below the last rung, for "
            + "promotion and as the predictor's target: tse (the training losses summed so far, Ru et al. 2021; the "
            + "default) or accuracy (the validation accuracy there). The last rung always ranks by accuracy.")
    String rungScore;

    @Option(names = "--accuracies", paramLabel = "FILE", description = "Benchmark mode: reveal accuracies measured "
            + "elsewhere (as validate --accuracies) instead of training; the budget counts networks revealed.")
    Path accuracies;

    @Option(names = "--column", paramLabel = "NAME", description = "The accuracy column of --accuracies.")
    String column;

    @Mixin
    TrainingOptions training;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (default: the core count).")
    Integer threads;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public boolean takesFloat32Gradients() {
        return accuracies == null; // benchmark mode trains nothing
    }

    @Override
    public Integer call() {
        PrintWriter out = cmd.commandLine().getOut();
        if (threads != null) {
            EngineThreads.set(threads);
        }
        if (accuracies == null && column != null) {
            throw new UserException("--column names a column of --accuracies FILE; give the file too");
        }
        if (accuracies != null && !TrainingOptions.given(cmd, TrainingOptions.FLAGS).isEmpty()) {
            throw new UserException("--accuracies reveals accuracies measured elsewhere, so nothing trains: "
                    + String.join(", ", TrainingOptions.given(cmd, TrainingOptions.FLAGS)) + " would have no effect");
        }
        if (accuracies != null && rungScore != null) {
            throw new UserException("--rung-score: with --accuracies there is one rung (a table's final accuracies)");
        }
        RungScore score = rungScore == null ? RungScore.TSE : RungScore.of(rungScore);
        Study.Request t = new Study.Request(run, 0, null, seed, training.epochs, null, training.optimizer, training.lr,
                training.schedule, training.batchSize, training.augment, null, training.dataset, training.dataDir,
                training.trainSize, training.testSize, 0, null, null, null, training.recipe, training.normalize);
        Find.Outcome o = Find.run(new Find.Request(run, budget, seed, seedSet, score, accuracies, column, t), out,
                cmd.commandLine().getErr());
        out.print(FindText.closing(o));
        out.flush();
        return 0;
    }
}
