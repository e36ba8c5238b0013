package io.convprobe.cli;

import io.convprobe.TextTable;
import io.convprobe.train.TrainProgress;
import io.convprobe.UserException;
import io.convprobe.data.Dataset;
import io.convprobe.data.Datasets;
import io.convprobe.nn.EngineThreads;
import io.convprobe.train.Checkpoint;
import io.convprobe.train.ExperimentMatrix;
import io.convprobe.train.RunSummary;
import io.convprobe.train.TrainConfig;
import io.convprobe.train.Training;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code convprobe train MODEL ...} and {@code convprobe train --config experiment.yaml}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model with gradient descent; validation is the dataset's test split.",
            "MODEL is a zoo name (see 'convprobe zoo'), a spec (published, compact, JSON/YAML text or file) or a",
            "NAS-Bench-201 cell network ('nb201:[C16:][N5:]|op~0|+|op~0|op~1|+|op~0|op~1|op~2|', quoted);",
            "a chain spec without a classifier gets flatten + linear to the dataset's classes.",
            "Writes to the run directory: last.ckpt and best.ckpt (each epoch), run.db (SQLite), metrics.csv,",
            "summary.json. --resume continues an interrupted run from last.ckpt.",
            "--config FILE runs a YAML experiment: fixed settings (snake_case names of the options below)",
            "and a 'matrix' of lists, one run per combination; finished runs are skipped on re-run."},
        footer = {"", "Examples:",
            "  convprobe train tutorial-net --dataset fashion-mnist --epochs 3 --optimizer adam --lr 1e-3 --schedule constant",
            "  convprobe train rcnn-k7.3.5-s2.1.2-d1.3.1-c32 --dataset stl10 --max-inputs 500000 --augment trivialwide",
            "  convprobe train 'nb201:|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|' \\",
            "      --dataset cifar10 --recipe nb201 --epochs 200",
            "  convprobe train --resume --run runs/train/tutorial-net-adam-lr0.001-b64-none-t0",
            "  convprobe train --config experiment.yaml"})
public final class TrainCommand implements Callable<Integer>, TakesGradients {
    @Parameters(arity = "0..*", paramLabel = "MODEL", description = "Zoo name or spec (several words are joined).")
    List<String> model;

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML experiment file (settings + matrix).")
    Path configFile;

    @Mixin DatasetOptions data;

    @Option(names = "--recipe", paramLabel = "NAME",
            description = {"A training recipe giving the options below that you leave out their values; the ones you give win.",
                "nb201: NAS-Bench-201's: sgd, --nesterov, momentum 0.9, lr 0.1, weight decay 5e-4 (coupled, PyTorch's),",
                "cosine to 0 over the run, no warm-up, batch 256, --augment crop-flip, --normalize cifar10.",
                "Epochs are not part of it: --epochs (default " + TrainConfig.DEFAULT_EPOCHS
                        + "; NAS-Bench-201 trained 200, and 12 for its short runs)."})
    String recipe;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default " + TrainConfig.DEFAULT_EPOCHS + ").")
    Integer epochs;

    @Option(names = "--max-inputs", paramLabel = "N",
            description = "Budget in training images instead of epochs (part B: 500000); the last epoch may be partial.")
    Long maxInputs;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "sgd, adam or adamw (default adamw).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Base learning rate (default 3e-4).")
    Double lr;

    @Option(names = "--momentum", paramLabel = "M", description = "SGD momentum (default 0.9).")
    Double momentum;

    @Option(names = "--nesterov", arity = "0..1", paramLabel = "BOOL",
            description = "Nesterov momentum (SGD); --nesterov=false turns a recipe's off.")
    Boolean nesterov;

    @Option(names = "--weight-decay", paramLabel = "WD",
            description = "Weight decay: L2 in the gradient for sgd/adam, decoupled for adamw (default: adamw 0.01, else 0).")
    Double weightDecay;

    @Option(names = "--batch-size", paramLabel = "N", description = "Training batch size (default 64).")
    Integer batchSize;

    @Option(names = "--schedule", paramLabel = "NAME",
            description = "Learning-rate schedule: constant, step, cosine (linear warm-up, then cosine to 0; default).")
    String schedule;

    @Option(names = "--warmup-steps", paramLabel = "N", description = "Warm-up updates for cosine (default 0).")
    Long warmupSteps;

    @Option(names = "--step-epochs", paramLabel = "E",
            description = "Step schedule: decay every E epochs (default: a third of the run).")
    Double stepEpochs;

    @Option(names = "--gamma", paramLabel = "G", description = "Step schedule decay factor (default 0.1).")
    Double gamma;

    @Option(names = "--augment", paramLabel = "AUG",
            description = "Augmentation on uint8 images: none (default), trivialwide, crop-flip, erasing; combine with '+'.")
    String augment;

    @Option(names = "--normalize", paramLabel = "NORM",
            description = {"Input normalisation after x/255, per channel (x - mean) / std: none (default), cifar10 (mean",
                "0.4914,0.4822,0.4465, std 0.2470,0.2435,0.2616) or MEANS/STDS, e.g. 0.5,0.5,0.5/0.25,0.25,0.25.",
                "evaluate and export apply it too."})
    String normalize;

    @Option(names = "--label-smoothing", paramLabel = "EPS", description = "Cross-entropy label smoothing (default 0).")
    Double labelSmoothing;

    @Option(names = "--seed", paramLabel = "S", description = "Seed for weights, shuffling, augmentation, dropout (default 0).")
    Long seed;

    @Option(names = "--trial", paramLabel = "T", description = "Trial number: another weight initialisation (default 0).")
    Integer trial;

    @Option(names = "--run", paramLabel = "DIR",
            description = "Run directory (default runs/train/<model>-<optimizer>-lr<lr>-b<batch>-<augment>-t<trial>).")
    Path run;

    @Option(names = "--resume", description = "Continue the run in --run (or the default directory) from last.ckpt.")
    boolean resume;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (default: the core count).")
    Integer threads;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    private static final List<String> TRAINING_OPTIONS = List.of("--epochs", "--max-inputs", "--optimizer", "--lr",
            "--momentum", "--nesterov", "--weight-decay", "--batch-size", "--schedule", "--warmup-steps",
            "--step-epochs", "--gamma", "--augment", "--label-smoothing", "--seed", "--trial", "--run", "--dataset",
            "--data-dir", "--resize", "--recipe", "--normalize");

    @Override
    public Integer call() {
        PrintWriter out = cmd.commandLine().getOut();
        PrintWriter err = cmd.commandLine().getErr();
        if (threads != null) {
            EngineThreads.set(threads);
        }
        out.println("device " + io.convprobe.nn.EngineDevice.describe());
        TrainProgress progress = new TrainProgress(out, err);
        List<RunSummary> done = new ArrayList<>();
        if (configFile != null) {
            if (model != null && !model.isEmpty()) {
                throw new UserException("give either MODEL or --config, not both");
            }
            for (String o : TRAINING_OPTIONS) {
                if (cmd.commandLine().getParseResult().hasMatchedOption(o)) {
                    throw new UserException(o + " cannot be combined with --config: put it in " + configFile);
                }
            }
            ExperimentMatrix matrix = ExperimentMatrix.read(configFile);
            out.printf("%s: %d runs in %s%n", configFile, matrix.runs().size(), matrix.runsDir());
            for (ExperimentMatrix.Run r : matrix.runs()) {
                RunSummary finished = Training.finishedSummary(r.dir());
                if (finished != null) {
                    out.println(r.dir().getFileName() + ": finished, skipped");
                    done.add(finished);
                    continue;
                }
                io.convprobe.Interrupts.say(() -> "interrupted: finished epochs are checkpointed in " + r.dir()
                        + "; re-run the same command to resume");
                try (Dataset ds = open(r.config())) {
                    done.add(new Training(r.config(), ds, r.dir(), progress).run(true));
                }
            }
        } else {
            TrainConfig config = singleConfig();
            Path dir = run != null ? run : Path.of("runs", "train", config.runName());
            io.convprobe.Interrupts.say(() -> "interrupted: finished epochs are checkpointed in " + dir
                    + "; continue with convprobe train --resume --run " + dir);
            try (Dataset ds = open(config)) {
                done.add(new Training(config, ds, dir, progress).run(resume));
            }
            out.println("run directory: " + dir);
        }
        out.print(table(done));
        out.flush();
        return 0;
    }

    /** The config from the options; with --resume and no MODEL, the one stored in the run's checkpoint. */
    private TrainConfig singleConfig() {
        if (model == null || model.isEmpty()) {
            if (resume && run != null) {
                Path last = run.resolve(Training.LAST);
                if (!Files.exists(last)) {
                    throw new UserException("nothing to resume: " + last + " does not exist");
                }
                return Checkpoint.read(last).info().config();
            }
            throw new UserException("no MODEL given (a zoo name, a spec, or --config FILE; with --resume, --run DIR)");
        }
        return new TrainConfig(String.join(" ", model), data.name(),
                data.dataDir() == null ? null : data.dataDir().toString(), epochs, maxInputs, optimizer, lr, momentum,
                nesterov, weightDecay, null, null, null, batchSize, schedule, warmupSteps, stepEpochs, gamma, augment,
                labelSmoothing, seed, trial, recipe, normalize);
    }

    private Dataset open(TrainConfig c) {
        return Datasets.open(c.dataset(), c.dataDir() == null ? null : Path.of(c.dataDir()), data.resizeOrNull());
    }

    /** The published table's columns, one row per run. */
    static String table(List<RunSummary> runs) {
        TextTable t = new TextTable("run", "val loss", "val acc", "params", "train min", "img/s", "best epoch");
        for (RunSummary s : runs) {
            t.row(s.run(), String.format(Locale.ROOT, "%.5f", s.valLoss()),
                    String.format(Locale.ROOT, "%.2f%%", 100 * s.valAccuracy()), String.format("%,d", s.params()),
                    String.format(Locale.ROOT, "%.2f", s.trainMinutes()), String.format("%,.0f", s.imagesPerSecond()),
                    String.format(Locale.ROOT, "%d (%.2f%%)", s.bestEpoch(), 100 * s.bestValAccuracy()));
        }
        return "\n" + t.render();
    }
}
