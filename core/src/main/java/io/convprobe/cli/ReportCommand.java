package io.convprobe.cli;

import io.convprobe.report.Reports;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code convprobe report RUN_DIR...}: charts and tables for search and training runs. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write report.html (self-contained, opens offline), report.md and every chart as PNG and SVG",
            "for search runs and training runs. Given a search run and training runs of some of the same",
            "architectures, it also measures how well the screen's ranking predicted the trained ranking."},
        footer = {"", "Example: convprobe report runs/20261124-2130-search runs/train-* --out runs/report"})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Search, cell screen (cells.db) or training run directories.")
    List<Path> runs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: RUN_DIR/report for one run, runs/report otherwise).")
    Path out;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "Rows of the top-by-fitness table (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--fitness-weight", defaultValue = "0.3", paramLabel = "W",
            description = "Fitness = norm(accuracy) + W * norm(throughput) (default ${DEFAULT-VALUE}).")
    double weight;

    @Option(names = "--rank-by", paramLabel = "SCORE", description = "Score the top-N table, fitness, Pareto front and "
            + "charts rank by: ridge (probe accuracy, the published protocol), any stored proxy, or combined after "
            + "validate --apply (default: " + io.convprobe.search.RankScore.DEFAULT_HELP + ").")
    String rankBy; // null: each run's RankScore.defaultFor

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        Reports.write(runs, out, top, weight, io.convprobe.search.RankScore.named(rankBy), cmd.commandLine().getOut());
        return 0;
    }
}
