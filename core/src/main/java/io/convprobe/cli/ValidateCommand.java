package io.convprobe.cli;

import io.convprobe.nn.EngineThreads;
import io.convprobe.search.RankScore;
import io.convprobe.UserException;
import io.convprobe.validate.AccuracyStudy;
import io.convprobe.validate.ProxyStats;
import io.convprobe.validate.Seeds;
import io.convprobe.validate.Selection;
import io.convprobe.validate.Study;
import io.convprobe.validate.StudyFiles;
import io.convprobe.validate.StudyReport;
import io.convprobe.validate.StudyText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code convprobe validate SEARCH_RUN}: does the screen predict training? Trains a sample of the
 * search's architectures stratified across its ranking (the top 3 always in), with the same code
 * as {@code convprobe train}, and measures every stored proxy (and a leave-one-out combination)
 * against the trained accuracies. A study lives in {@code SEARCH_RUN/validate[-...]} and resumes
 * like an experiment matrix: finished trainings are skipped, an interrupted one continues from its
 * checkpoint.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Train a sample of a search's architectures, stratified across the screen's ranking",
            "(its top 3 always in), and measure how well every stored proxy predicts the trained accuracy:",
            "Spearman ρ and Kendall τ with bootstrap 95 %% intervals, top-10 %% precision, regret of the top 5,",
            "partial ρ given parameter count, and a combined score (ridge regression on proxy ranks,",
            "reported by leave-one-out). Writes SEARCH_RUN/<study>/validate.json and validate.csv;",
            "convprobe report picks them up. Re-running the same command resumes: finished trainings are kept."},
        footer = {"", "Examples:",
            "  convprobe validate runs/screen --count 30 --epochs 10 --lr 2e-3 --augment crop-flip",
            "  convprobe validate runs/screen --count 10 --channels 128 --epochs 5     # study 'validate-c128'",
            "  convprobe validate runs/screen --apply     # write the combined score; then search/report --rank-by combined",
            "  convprobe validate runs/screen --count 30 --epochs 10 --seeds 2   # + a second seed each: the noise ceiling",
            "  convprobe validate runs/cells --count 20 --recipe nb201 --epochs 12   # a cell screen (search --preset nb201)",
            "  convprobe validate runs/nb201 --accuracies ../shared/nb201/nb201_dev245.json --column cifar10_val_accuracy"})
public final class ValidateCommand implements Callable<Integer>, TakesGradients {
    @Parameters(index = "0", paramLabel = "SEARCH_RUN", description = "A search run directory (results.db), or a cell "
            + "screen's (cells.db, search --preset nb201).")
    Path run;

    @Mixin
    TrainingOptions training;

    @Option(names = "--count", paramLabel = "N", description = "Architectures to train (default 30; with --accuracies: "
            + "all the file has).")
    Integer count;

    @Option(names = "--accuracies", paramLabel = "FILE", description = "Use trained accuracies measured elsewhere "
            + "instead of training: CSV or JSON rows of spec (or arch) and accuracy (percent), or a NAS-Bench-201 table "
            + "(../shared/nb201/) as it is. The screen's networks the file names form the study.")
    Path accuracies;

    @Option(names = "--column", paramLabel = "NAME", description = "The accuracy column of --accuracies (default "
            + "'accuracy', or the file's only *accuracy* column), e.g. cifar10_val_accuracy.")
    String column;

    @Option(names = "--by", paramLabel = "SCORE", description = "Score whose ranking the sample is stratified on (default: "
            + RankScore.DEFAULT_HELP + "; a cell screen: a stored score or a rank average such as "
            + io.convprobe.cells.CellSearch.DEFAULT_RANK + ", its default when stored).")
    String by; // null: RankScore.defaultFor(the search's architectures), resolved in call()

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the sample, the bootstrap, the "
            + "training subset and the trainings (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-inputs", paramLabel = "N", description = "Training budget in images instead of epochs.")
    Long maxInputs;

    @Option(names = "--channels", paramLabel = "C", description = "Train a widened copy of each architecture: every "
            + "conv with C channels (a cell network: width C).")
    Integer channels;

    @Option(names = "--resamples", defaultValue = "" + ProxyStats.DEFAULT_RESAMPLES, paramLabel = "B",
            description = "Bootstrap resamples for the intervals (default ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--from", paramLabel = "STUDY", description = "Draw the sample from another study's trained "
            + "architectures in this run (e.g. --from validate --channels 128: some of the same networks, widened), "
            + "stratified across their screen ranks, top 3 always in.")
    String from;

    @Option(names = "--name", paramLabel = "STUDY", description = "Study directory inside SEARCH_RUN (default validate, "
            + "validate-c<C> with --channels, -<dataset> with --dataset).")
    String name;

    @Option(names = "--limit", paramLabel = "K", description = "Train at most K architectures in this session, then "
            + "report on the finished ones (re-run to continue).")
    Integer limit;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "K", description = "Train the picks again with K-1 "
            + "more seeds (seed+1, ...; in <study>/train-seed2, ...): reports the seed-to-seed ρ, the noise ceiling and "
            + "every score against the seeds' mean. Not a study setting: a finished study can gain seeds later "
            + "(default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--seeds-count", paramLabel = "N", description = "With --seeds: only the first N picks in training "
            + "order (spread across the ranking) get the extra seeds (default: all).")
    Integer seedsCount;

    @Option(names = "--apply", description = "Write the learned predictor as proxy 'predicted' (its spread as "
            + "'predicted_spread' when its model has one) and the combined score as 'combined' of every fully tested "
            + "architecture of the search, and print the new ranking (then --rank-by predicted works).")
    boolean apply;

    @Option(names = "--fitness-weight", defaultValue = "0.3", paramLabel = "W", description = "Throughput weight of the ranking printed by --apply (default ${DEFAULT-VALUE}).")
    double fitnessWeight;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (default: the core count).")
    Integer threads;

    @Option(names = "--json", description = "Print the study's result (validate.json) instead of the table.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = cmd.commandLine().getOut();
        if (threads != null) {
            EngineThreads.set(threads);
        }
        if (accuracies == null && column != null) {
            throw new UserException("--column names a column of --accuracies FILE; give the file too");
        }
        if (accuracies != null) {
            refuseTraining();
        }
        Seeds replicas = new Seeds(seeds, seedsCount);
        Study.Outcome o = accuracies != null
                ? AccuracyStudy.run(new AccuracyStudy.Request(run, accuracies, column, RankScore.named(by), count, seed,
                        resamples, name), out)
                : Study.run(new Study.Request(run, count == null ? 30 : count, RankScore.named(by), seed,
                        training.epochs, maxInputs, training.optimizer, training.lr, training.schedule,
                        training.batchSize, training.augment, channels, training.dataset, training.dataDir,
                        training.trainSize, training.testSize, resamples, from, name, limit, training.recipe,
                        training.normalize), replicas, out, cmd.commandLine().getErr());
        StudyReport report = o.report();
        if (report == null) { // too few trainings yet: said so
            return 0;
        }
        if (json) {
            out.println(Files.readString(o.studyDir().resolve(StudyFiles.JSON)));
        } else {
            out.print(StudyText.finished(o));
        }
        if (apply) {
            out.print(StudyText.applied(run, Study.applyCombined(run, report, o.full(), fitnessWeight, seed), fitnessWeight));
        }
        if (!json) {
            out.println(report.verdict());
        }
        out.flush();
        return 0;
    }

    /** Training flags mean nothing when the accuracies come from a file: refused rather than ignored. */
    private void refuseTraining() {
        java.util.List<String> flags = new java.util.ArrayList<>(TrainingOptions.FLAGS);
        flags.addAll(java.util.List.of("--max-inputs", "--channels", "--from", "--limit", "--seeds", "--seeds-count"));
        java.util.List<String> given = TrainingOptions.given(cmd, flags);
        if (!given.isEmpty()) {
            throw new UserException("--accuracies uses accuracies measured elsewhere, so nothing trains: "
                    + String.join(", ", given) + " would have no effect");
        }
    }
}
