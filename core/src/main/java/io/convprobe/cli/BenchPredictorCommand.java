package io.convprobe.cli;

import io.convprobe.UserException;
import io.convprobe.bench.BenchTable;
import io.convprobe.bench.PredictorBench;
import io.convprobe.bench.PredictorBenchText;
import io.convprobe.predict.LearningCurve;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convprobe bench predictor}: the learned predictor's out-of-sample ρ on a table and on a validate study. */
@Command(name = "predictor", mixinStandardHelpOptions = true,
        description = {"The predictor of trained accuracy (prior, ridge, ridge+arch, forest+arch, chosen by",
            "cross-validation and shrunk toward the training-free prior) measured out of sample: on a NAS-Bench-201",
            "table, a learning curve (n revealed networks, Spearman rho on the rest); on a validate study,",
            "leave-one-out against the combined score. Trains nothing."},
        footer = {"", "Example: convprobe bench predictor --table ../shared/nb201/nb201_dev245.json \\",
            "           --scores docs/findings/nb201-scores.csv --study docs/findings/validate-c32.json \\",
            "           --write-docs docs/findings.md"})
public final class BenchPredictorCommand implements Callable<Integer> {
    @Option(names = "--table", paramLabel = "FILE", description = "A benchmark table (JSON, as bench nb201).")
    Path table;

    @Option(names = "--scores", paramLabel = "FILE", description = "convprobe's scores of the table's networks: the scores.csv bench nb201 writes.")
    Path scores;

    @Option(names = "--source", paramLabel = "NAME", description = "Use the table's published scores of this source instead (e.g. naslib_cifar10).")
    String source;

    @Option(names = "--column", defaultValue = "cifar10_val_accuracy", paramLabel = "NAME",
            description = "The table's accuracy to predict (default ${DEFAULT-VALUE}).")
    String column;

    @Option(names = "--sizes", defaultValue = "10,25,50", split = ",", paramLabel = "N,N,...",
            description = "Numbers of revealed networks (default ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--repeats", defaultValue = "20", paramLabel = "K", description = "Random draws per size (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the draws and the fits (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--study", paramLabel = "FILE", description = "A validate study (validate.json): leave-one-out over its trained networks.")
    Path study;

    @Option(names = "--study-prior", paramLabel = "SCORE", description = "The study's prior score (default: the study's --by).")
    String studyPrior;

    @Option(names = "--write-docs", paramLabel = "FILE", description = "Write the results into FILE's bench-predictor section (e.g. docs/findings.md).")
    Path docs;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        if (table == null && study == null) {
            throw new UserException("bench predictor: give --table (with --scores or --source) and/or --study");
        }
        if (table != null && (scores == null) == (source == null)) {
            throw new UserException("bench predictor --table: give exactly one of --scores FILE and --source NAME");
        }
        PrintWriter out = cmd.commandLine().getOut();
        StringBuilder text = new StringBuilder();
        if (table != null) {
            BenchTable t = BenchTable.read(table);
            PredictorBench.Population p = scores != null ? PredictorBench.nb201(t, scores, column)
                    : PredictorBench.nb201Published(t, source, column);
            java.util.List<LearningCurve.Point> curve;
            try {
                curve = LearningCurve.of(p.rows(), p.accuracy(), sizes, repeats, seed);
            } catch (IllegalArgumentException e) {
                throw new UserException("bench predictor: " + e.getMessage());
            }
            text.append("Learning curve on ").append(table.getFileName()).append(":\n\n")
                    .append(PredictorBenchText.curve(p, column, curve, seed)).append('\n');
            out.print(text);
            out.flush();
        }
        if (study != null) {
            String s = "Leave-one-out on " + study.getFileName() + ":\n\n"
                    + PredictorBenchText.study(PredictorBench.leaveOneOut(PredictorBench.study(study, studyPrior), seed)) + "\n";
            out.print(s);
            text.append(s);
        }
        if (docs != null) {
            PredictorBench.writeDocs(docs, "Command: `convprobe " + String.join(" ",
                    cmd.commandLine().getParseResult().originalArgs()) + "`\n\n" + text);
            out.println("wrote " + docs);
        }
        out.flush();
        return 0;
    }
}
