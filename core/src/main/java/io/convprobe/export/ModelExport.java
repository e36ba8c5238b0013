package io.convprobe.export;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import io.convprobe.UserException;
import io.convprobe.Version;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Shape;
import io.convprobe.train.Checkpoint;
import io.convprobe.train.CheckpointInfo;
import io.convprobe.train.EpochMetrics;
import io.convprobe.train.Models;
import io.convprobe.train.Normalization;
import io.convprobe.train.RunSummary;
import io.convprobe.train.TrainStore;
import io.convprobe.train.Training;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code convprobe export}: a training run's checkpoint as {@code model.py} (a chain as
 * {@code torch.nn.Sequential}, an {@code nb201:} cell network as NAS-Bench-201's {@code TinyNetwork},
 * see {@link Nb201Module}), {@code model.safetensors} (its weights under that module's
 * state_dict names, float32 little-endian; batch-norm running statistics included, and
 * {@code num_batches_tracked} as int64 = the run's optimizer updates, each of which was one
 * training-mode forward) and {@code README.md} (how to load it, what it scored).
 */
public final class ModelExport {
    public static final String MODEL_PY = "model.py";
    public static final String WEIGHTS = "model.safetensors";
    public static final String README = "README.md";

    /** What was written. */
    public record Result(Path dir, Path checkpoint, String spec, int tensors, long values, OptionalDouble valAccuracy) {}

    private ModelExport() {}

    /** The command line that exports {@code runDir} (its best checkpoint) next to it, for reports. */
    public static String commandFor(Path runDir) {
        return "convprobe export " + runDir + " --out " + runDir.resolve("pytorch");
    }

    /** The checkpoint a run directory (or a .ckpt path) and a {@code best|last} choice name. */
    public static Path checkpointOf(Path runOrCheckpoint, String which) {
        if (!Files.isDirectory(runOrCheckpoint)) {
            return runOrCheckpoint;
        }
        return switch (which.toLowerCase(Locale.ROOT)) {
            case "best" -> runOrCheckpoint.resolve(Training.BEST);
            case "last" -> runOrCheckpoint.resolve(Training.LAST);
            default -> throw new UserException("--checkpoint '" + which + "': expected best or last");
        };
    }

    public static Result export(Path checkpointFile, Path outDir) {
        Checkpoint ckpt = Checkpoint.read(checkpointFile);
        CheckpointInfo info = ckpt.info();
        Models.Network network = Models.of(info);
        Normalization norm = info.config().normalization();
        SafeTensors st = new SafeTensors();
        long values = 0;
        String source;
        Facts facts;
        int tensors = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = network.create(manager, 0, 0);
            ckpt.loadParameters(net, manager);
            List<Block> children = net.getChildren().values();
            if (network instanceof Models.Cell cell) {
                for (Nb201Module.Entry e : Nb201Module.stateDictNames(cell.nb201(), cell.graph())) {
                    tensors++;
                    if (e.int64Counter()) {
                        st.add(SafeTensors.Tensor.i64(e.key(), new long[0], new long[] {info.updates()}));
                        continue;
                    }
                    Block op = children.get(e.block()).getChildren().get(e.edge()).getValue().getChildren().get(e.op())
                            .getValue();
                    values += addF32(st, parameter(op, e.djlName(), e.key()), e.key());
                }
                source = Nb201Module.source(cell.nb201(), cell.summary(), info.classes(), norm.mean(), norm.std());
                facts = new Facts(cell.input(), cell.summary().output(), cell.params(), cell.summary().macs());
            } else {
                ArchSummary summary = ((Models.Chain) network).summary();
                ArchSpec spec = summary.spec();
                for (PyTorchModule.Entry e : PyTorchModule.stateDictNames(spec)) {
                    tensors++;
                    if (e.int64Counter()) {
                        st.add(SafeTensors.Tensor.i64(e.key(), new long[0], new long[] {info.updates()}));
                        continue;
                    }
                    values += addF32(st, parameter(children.get(e.layer()), e.djlName(), e.key()), e.key());
                }
                source = PyTorchModule.source(summary, info.classes(), norm.mean(), norm.std());
                facts = new Facts(summary.input(), summary.output(), summary.params(), summary.macs());
            }
        }
        OptionalDouble acc = valAccuracy(checkpointFile, info);
        st.metadata("format", "pt")
                .metadata("convprobe_version", Version.convprobe())
                .metadata("spec", info.spec())
                .metadata("input_shape", info.inputShape())
                .metadata("classes", String.join(",", info.classes()))
                .metadata("dataset", info.config().dataset())
                .metadata("epoch", String.valueOf(info.epoch()))
                .metadata("checkpoint", checkpointFile.getFileName().toString());
        if (!norm.isNone()) {
            st.metadata("normalize", norm.text());
        }
        acc.ifPresent(a -> st.metadata("val_accuracy", String.format(Locale.ROOT, "%.6f", a)));
        try {
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve(MODEL_PY), source, StandardCharsets.UTF_8);
            st.write(outDir.resolve(WEIGHTS));
            Files.writeString(outDir.resolve(README), readme(checkpointFile, info, facts, norm, acc), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException("cannot write the export to " + outDir + ": " + e.getMessage(), e);
        }
        return new Result(outDir, checkpointFile, info.spec(), tensors, values, acc);
    }

    /** What the README states about the network, chain or cell network alike. */
    record Facts(Shape input, Shape output, long params, long macs) {}

    private static long addF32(SafeTensors st, Parameter p, String key) {
        float[] v = p.getArray().toFloatArray();
        st.add(SafeTensors.Tensor.f32(key, p.getArray().getShape().getShape(), v));
        return v.length;
    }

    private static Parameter parameter(Block block, String djlName, String key) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().equals(djlName)) {
                return p.getValue();
            }
        }
        throw new IllegalStateException("block " + block + " has no parameter '" + djlName + "' for " + key);
    }

    /** The validation accuracy of the checkpoint's epoch: best's is in its header; last's in the run's records. */
    static OptionalDouble valAccuracy(Path checkpointFile, CheckpointInfo info) {
        if (info.epoch() == info.bestEpoch() && !Double.isNaN(info.bestValAccuracy())) {
            return OptionalDouble.of(info.bestValAccuracy());
        }
        Path run = checkpointFile.toAbsolutePath().getParent();
        RunSummary done = Training.finishedSummary(run);
        if (done != null && done.epochs() == info.epoch()) {
            return OptionalDouble.of(done.valAccuracy());
        }
        if (Files.isRegularFile(run.resolve(TrainStore.DB))) {
            try (TrainStore store = new TrainStore(run)) {
                for (EpochMetrics m : store.epochs()) {
                    if (m.epoch() == info.epoch()) {
                        return OptionalDouble.of(m.valAccuracy());
                    }
                }
            }
        }
        return OptionalDouble.empty();
    }

    static String readme(Path ckptFile, CheckpointInfo info, Facts s, Normalization norm, OptionalDouble acc) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("network", "`" + info.spec() + "`");
        facts.put("input", s.input() + " float32, pixels x/255" + (norm.isNone() ? " (no mean/std normalisation)"
                : ", then (x - mean) / std per channel with `--normalize " + norm.text() + "` (`preprocess` in model.py)"));
        facts.put("output", s.output() + " logits over " + info.classes().size() + " classes: "
                + String.join(", ", info.classes()));
        facts.put("parameters", String.format(Locale.ROOT, "%,d (MACs per image %,d)", s.params(), s.macs()));
        facts.put("trained on", info.config().dataset() + ", " + info.epoch() + " epoch(s), " + info.updates()
                + " updates, model `" + info.config().model() + "`");
        facts.put("checkpoint", ckptFile.toString());
        facts.put("validation accuracy", acc.isPresent()
                ? String.format(Locale.ROOT, "%.2f%% (epoch %d, the dataset's test split)", 100 * acc.getAsDouble(), info.epoch())
                : "not recorded for this checkpoint");
        StringBuilder md = new StringBuilder("# convprobe export\n\n");
        facts.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n## Load it in PyTorch\n\n```python\n");
        md.append("from model import build\nfrom safetensors.torch import load_file\n\n");
        md.append("model = build(); model.load_state_dict(load_file(\"").append(WEIGHTS).append("\")); model.eval()\n");
        md.append("```\n\n");
        md.append("Without the `safetensors` package (e.g. Debian's python3-torch alone), read the file with\n"
                + "numpy: an 8-byte little-endian header length, a JSON header, then the tensors:\n\n```python\n");
        md.append("import json, struct, numpy as np, torch\nfrom model import build\n\n");
        md.append("def load_file(path):\n");
        md.append("    raw = open(path, \"rb\").read()\n");
        md.append("    n = struct.unpack(\"<Q\", raw[:8])[0]\n");
        md.append("    header, data = json.loads(raw[8:8 + n]), raw[8 + n:]\n");
        md.append("    types = {\"F32\": np.float32, \"I64\": np.int64}\n");
        md.append("    return {k: torch.from_numpy(np.frombuffer(data[v[\"data_offsets\"][0]:v[\"data_offsets\"][1]],\n");
        md.append("            dtype=types[v[\"dtype\"]]).reshape(v[\"shape\"]).copy())\n");
        md.append("            for k, v in header.items() if k != \"__metadata__\"}\n\n");
        md.append("model = build(); model.load_state_dict(load_file(\"").append(WEIGHTS).append("\")); model.eval()\n");
        md.append("```\n\n");
        md.append(norm.isNone() ? "Feed it `images_uint8.float() / 255` in NCHW (see `preprocess` in model.py). "
                : "Feed it `preprocess(images_uint8)` (NCHW): x/255, then the run's mean/std. ");
        md.append("`python3 model.py` checks the module builds.\n");
        return md.toString();
    }
}
