package io.convprobe.cli;

import io.convprobe.UserException;
import io.convprobe.export.ModelExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code convprobe export TRAIN_RUN --out DIR}: the trained network as a PyTorch module + safetensors weights. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a trained network for PyTorch: DIR/model.py (build() -> torch.nn.Sequential for a chain,",
            "NAS-Bench-201's TinyNetwork with the reference's parameter names for an nb201: cell network;",
            "preprocess() applies the run's --normalize), DIR/model.safetensors (the weights under its state_dict",
            "names) and DIR/README.md (how to load it, its validation accuracy). TRAIN_RUN is a 'convprobe train'",
            "run directory or a .ckpt file."},
        footer = {"", "Example: convprobe export runs/train/tutorial-net-adamw-lr0.0003-b64-none-t0 --out tutorial-net-pt",
            "ONNX is not offered: DJL cannot write it and Tribuo's Java ONNX writer lacks Conv/Pool/BatchNorm; from PyTorch,",
            "torch.onnx.export(build(), torch.zeros(1, *INPUT_SHAPE), \"model.onnx\") does it."})
public final class ExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRAIN_RUN", description = "A training run directory (or one of its .ckpt files).")
    Path run;

    @Option(names = "--checkpoint", defaultValue = "best", paramLabel = "best|last",
            description = "Which checkpoint of the run (default ${DEFAULT-VALUE}: highest validation accuracy).")
    String checkpoint;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (created if needed).")
    Path out;

    @Option(names = "--format", defaultValue = "pytorch", paramLabel = "FORM",
            description = "pytorch (default: model.py + model.safetensors).")
    String format;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        String f = format.toLowerCase(Locale.ROOT);
        if (f.equals("onnx")) {
            throw new UserException("--format onnx is not available: DJL cannot write ONNX, and the one maintained Java "
                    + "ONNX writer (Tribuo's tribuo-onnx-export) has no Conv, pooling or BatchNormalization operators; "
                    + "export --format pytorch and run torch.onnx.export(build(), torch.zeros(1, *INPUT_SHAPE), "
                    + "\"model.onnx\") in Python");
        }
        if (!f.equals("pytorch") && !f.equals("safetensors")) {
            throw new UserException("--format '" + format + "': expected pytorch");
        }
        if (!java.nio.file.Files.exists(run)) {
            throw new UserException("training run not found: " + run);
        }
        ModelExport.Result r = ModelExport.export(ModelExport.checkpointOf(run, checkpoint), out);
        PrintWriter w = cmd.commandLine().getOut();
        w.printf(Locale.ROOT, "exported %s (%s) to %s: %s, %s (%d tensors, %,d float32 values), %s%n", r.checkpoint(),
                r.spec(), r.dir(), ModelExport.MODEL_PY, ModelExport.WEIGHTS, r.tensors(), r.values(), ModelExport.README);
        r.valAccuracy().ifPresent(a -> w.printf(Locale.ROOT, "validation accuracy %.2f%%%n", 100 * a));
        w.printf("in PyTorch: model = build(); model.load_state_dict(load_file(\"%s\")) (see %s)%n", ModelExport.WEIGHTS,
                r.dir().resolve(ModelExport.README));
        w.flush();
        return 0;
    }
}
