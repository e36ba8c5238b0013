package io.convprobe.cli;

import io.convprobe.UserException;
import io.convprobe.data.Dataset;
import io.convprobe.data.Datasets;
import io.convprobe.data.Split;
import io.convprobe.report.EvaluationText;
import io.convprobe.train.Checkpoint;
import io.convprobe.train.Evaluation;
import io.convprobe.train.Evaluator;
import io.convprobe.train.TrainConfig;
import io.convprobe.train.Training;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code convprobe evaluate RUN_OR_CHECKPOINT}: loss, accuracy, per-class accuracy, confusion matrix. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained network: loss, accuracy, per-class accuracy and the confusion matrix",
            "(rows: true class, columns: predicted). RUN_OR_CHECKPOINT is a run directory (its last.ckpt,",
            "or best.ckpt with --best) or a .ckpt file: a chain or an nb201: cell network, normalised as it was trained.",
            "The dataset defaults to the one it was trained on."})
public final class EvaluateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_OR_CHECKPOINT", description = "A run directory or a checkpoint file.")
    Path target;

    @Mixin DatasetOptions data;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT", description = "test (default) or train.")
    String split;

    @Option(names = "--best", description = "Use the run's best.ckpt instead of last.ckpt.")
    boolean best;

    @Option(names = "--batch-size", defaultValue = "256", paramLabel = "N", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        Path file = Files.isDirectory(target) ? target.resolve(best ? Training.BEST : Training.LAST) : target;
        Checkpoint ckpt = Checkpoint.read(file);
        TrainConfig cfg = ckpt.info().config();
        boolean chosen = cmd.commandLine().getParseResult().hasMatchedOption("--dataset");
        String name = chosen ? data.name() : cfg.dataset();
        Path dir = data.dataDir() != null ? data.dataDir() : cfg.dataDir() == null ? null : Path.of(cfg.dataDir());
        Split s = switch (split.toLowerCase(Locale.ROOT)) {
            case "test" -> Split.TEST;
            case "train" -> Split.TRAIN;
            default -> throw new UserException("--split '" + split + "': expected test or train");
        };
        PrintWriter out = cmd.commandLine().getOut();
        try (Dataset ds = Datasets.open(name, dir, data.resizeOrNull())) {
            Evaluation e = Evaluator.evaluate(ckpt, file.toString(), ds, s, batchSize);
            List<String> classes = ds.classes();
            if (json) {
                out.println(Json.write(EvaluationText.json(file, name, s, e, classes, ckpt)));
            } else {
                out.print(EvaluationText.text(file, name, s, e, classes, ckpt));
            }
        }
        out.flush();
        return 0;
    }
}
