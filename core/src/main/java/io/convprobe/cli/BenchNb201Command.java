package io.convprobe.cli;

import io.convprobe.bench.BenchTable;
import io.convprobe.bench.Nb201Analysis;
import io.convprobe.bench.Nb201Bench;
import io.convprobe.cells.CellProber;
import io.convprobe.data.Dataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convprobe bench nb201}: convprobe's training-free scores against a benchmark table's accuracies. */
@Command(name = "nb201", mixinStandardHelpOptions = true,
        description = {"Every convprobe score of the table's NAS-Bench-201 architectures on real images (one trial,",
            "seed 0; resumes from DIR/scores.csv), then Spearman/Kendall with intervals, top-10 % precision and",
            "partial rho given params against each of the table's accuracies, side by side with the table's",
            "published scores, an implementation cross-check and each score's seconds.",
            "Table format: a JSON array of {\"arch\": cell string, \"<name>_accuracy\": %, \"<source>\": {score: value}}",
            "(docs/findings.md, \"NAS-Bench-201\")."},
        footer = {"", "Example: convprobe bench nb201 --table ../shared/nb201/nb201_dev245.json --dataset cifar10 \\",
            "           --data-dir ../shared/data/cifar10-partial --write-docs docs/findings.md"})
public final class BenchNb201Command implements Callable<Integer>, TakesGradients {
    @Mixin DatasetOptions dataOptions;

    @Option(names = "--table", required = true, paramLabel = "FILE", description = "The benchmark table (JSON).")
    Path table;

    @Option(names = "--dir", defaultValue = "runs/bench-nb201", paramLabel = "DIR",
            description = "Where the scores are kept (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--width", defaultValue = "16", paramLabel = "C", description = "Skeleton width C (default ${DEFAULT-VALUE}, the benchmark's).")
    int width;

    @Option(names = "--cells", defaultValue = "5", paramLabel = "N", description = "Cells per stage N (default ${DEFAULT-VALUE}, the benchmark's).")
    int cells;

    @Option(names = "--limit", paramLabel = "K", description = "Only the table's first K architectures (a quick look).")
    Integer limit;

    @Option(names = "--scores", defaultValue = Nb201Bench.PROXIES, paramLabel = "LIST",
            description = "The scores to compute (default ${DEFAULT-VALUE}; any --proxies names).")
    String scores;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Seed of the random weights (default ${DEFAULT-VALUE}); another seed in another --dir measures "
                    + "how much a score's ranking moves with the weights alone.")
    long seed;

    @Option(names = "--write-docs", paramLabel = "FILE", description = "Write the results into FILE's bench-nb201 section (e.g. docs/findings.md).")
    Path docs;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = cmd.commandLine().getOut();
        BenchTable t = BenchTable.read(table);
        if (limit != null) {
            t = new BenchTable(t.file(), t.entries().subList(0, Math.min(limit, t.entries().size())), t.accuracies(),
                    t.sources());
        }
        CellProber.Settings d = CellProber.Settings.DEFAULT;
        CellProber.Settings settings = new CellProber.Settings(d.trainSize(), d.testSize(), seed, d.batchSize());
        Nb201Bench.Scores scores;
        try (Dataset data = dataOptions.open()) {
            scores = Nb201Bench.run(t, data, settings, io.convprobe.proxy.Proxies.parse(this.scores + ",params"), width, cells, dir, line -> System.err.println("bench nb201: " + line));
        }
        String protocol = Nb201Bench.protocol(dataOptions.name(), settings, width, cells);
        String text = Nb201Analysis.text(Nb201Analysis.analyse(t, scores), t, protocol);
        out.print(text);
        if (docs != null) {
            Nb201Bench.writeDocs(docs, text);
            out.println("wrote " + docs);
        }
        out.flush();
        return 0;
    }
}
