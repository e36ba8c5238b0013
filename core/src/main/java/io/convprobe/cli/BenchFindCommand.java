package io.convprobe.cli;

import io.convprobe.UserException;
import io.convprobe.bench.BenchTable;
import io.convprobe.bench.FindBench;
import io.convprobe.bench.FindBenchText;
import io.convprobe.bench.FindPool;
import io.convprobe.bench.PredictorBench;
import io.convprobe.find.Budget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convprobe bench find}: the guided search against baselines at equal budget, on a table and on a pool of recorded curves. */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = {"The guided search (convprobe find) measured where the truth is known, against baselines at",
            "equal budget: on a NAS-Bench-201 table (benchmark mode: networks revealed; random reveal, the prior's top),",
            "and on a pool of recorded learning curves, a validate study with --seeds 2 (epochs; random networks",
            "trained fully, the prior's top trained fully, successive halving without the screen). Trains nothing."},
        footer = {"", "Example: convprobe bench find --table ../shared/nb201/nb201_dev245.json \\",
            "           --scores docs/findings/nb201-scores.csv --reveal 50 --write-docs docs/findings.md"})
public final class BenchFindCommand implements Callable<Integer> {
    @Option(names = "--table", paramLabel = "FILE", description = "A benchmark table (JSON, as bench nb201).")
    Path table;

    @Option(names = "--scores", paramLabel = "FILE", description = "convprobe's scores of the table's networks (bench nb201's scores.csv).")
    Path scores;

    @Option(names = "--column", defaultValue = "cifar10_val_accuracy", paramLabel = "NAME",
            description = "The table's accuracy (default ${DEFAULT-VALUE}).")
    String column;

    @Option(names = "--reveal", defaultValue = "50", paramLabel = "N", description = "Networks revealed on the table (default ${DEFAULT-VALUE}).")
    int reveal;

    @Option(names = "--drop-prior-top", defaultValue = "0", split = ",", paramLabel = "K,...", description = "Also "
            + "run the table with the prior's top K networks left out (a stress test of the predictor; 0 = the whole "
            + "table; default ${DEFAULT-VALUE}).")
    int[] dropTop;

    @Option(names = "--study", paramLabel = "FILE", description = "A validate study (validate.json) as a table of final "
            + "accuracies: benchmark mode over its trained networks, the prior = its --by (or --study-prior).")
    Path study;

    @Option(names = "--study-prior", paramLabel = "SCORE", description = "The study's prior score (default: the study's --by).")
    String studyPrior;

    @Option(names = "--study-reveal", defaultValue = "16", split = ",", paramLabel = "N,...", description = "Networks "
            + "revealed on --study (default ${DEFAULT-VALUE}).")
    int[] studyReveal;

    @Option(names = "--pool", paramLabel = "STUDY_DIR", description = "A validate study whose every network trained with two seeds.")
    Path pool;

    @Option(names = "--budget", defaultValue = "25%", split = ",", paramLabel = "B,...", description = "Epoch budgets on "
            + "the pool: epochs or a percentage of training the whole pool (default ${DEFAULT-VALUE}).")
    String[] budgets;

    @Option(names = "--seeds", defaultValue = "5", paramLabel = "K", description = "Seeds per method (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--write-docs", paramLabel = "FILE", description = "Write the results into FILE's bench-find section (e.g. docs/findings.md).")
    Path docs;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        if (table == null && pool == null && study == null) {
            throw new UserException("bench find: give --table (with --scores), --study and/or --pool");
        }
        if (table != null && scores == null) {
            throw new UserException("bench find --table: give --scores FILE (bench nb201's scores.csv)");
        }
        if (seeds < 1) {
            throw new UserException("--seeds must be at least 1, got " + seeds);
        }
        PrintWriter out = cmd.commandLine().getOut();
        StringBuilder text = new StringBuilder();
        if (table != null) {
            PredictorBench.Population p = PredictorBench.nb201(BenchTable.read(table), scores, column);
            if (reveal < 1) {
                throw new UserException("--reveal must be at least 1, got " + reveal);
            }
            StringBuilder s = new StringBuilder("Benchmark mode on " + table.getFileName() + " (" + column + "):\n\n");
            for (int d : dropTop) {
                s.append(FindBenchText.of(FindBench.table(p, reveal, seeds, d), 3)).append('\n');
            }
            out.print(s);
            out.flush();
            text.append(s);
        }
        if (study != null) {
            PredictorBench.Population p = PredictorBench.study(study, studyPrior);
            StringBuilder s = new StringBuilder("Benchmark mode on the study " + study.getFileName() + " (prior "
                    + p.prior() + "):\n\n");
            for (int n : studyReveal) {
                s.append(FindBenchText.of(FindBench.table(p, n, seeds, 0), 3)).append('\n');
            }
            out.print(s);
            out.flush();
            text.append(s);
        }
        if (pool != null) {
            FindPool fp = FindPool.read(pool);
            double whole = (double) fp.rows().size() * fp.epochs();
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Pool of recorded curves %s: %d networks, "
                    + "%d epochs each (training them all: %.0f epochs); seed-to-seed ρ of the final accuracies %.3f."
                    + "%n%n", pool, fp.rows().size(), fp.epochs(), whole, fp.seedToSeed()));
            for (String b : budgets) {
                s.append(FindBenchText.of(FindBench.pool(fp, Budget.parse(b).units(whole), seeds), 5)).append('\n');
            }
            out.print(s);
            out.flush();
            text.append(s);
        }
        if (docs != null) {
            FindBench.writeDocs(docs, "Command: `convprobe " + String.join(" ",
                    cmd.commandLine().getParseResult().originalArgs()) + "`\n\n" + text);
            out.println("wrote " + docs);
        }
        out.flush();
        return 0;
    }
}
