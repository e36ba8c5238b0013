package io.convprobe.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import io.convprobe.arch.Shape;
import io.convprobe.data.Dataset;
import io.convprobe.data.EmbeddedSample;
import io.convprobe.data.ImageBatch;
import io.convprobe.data.Split;
import io.convprobe.train.Checkpoint;
import io.convprobe.train.Evaluation;
import io.convprobe.train.Evaluator;
import io.convprobe.train.Models;
import io.convprobe.train.Normalization;
import io.convprobe.train.TrainConfig;
import io.convprobe.train.Training;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/**
 * Export → Debian's PyTorch → the same logits. Each model is trained a few steps on the embedded
 * sample (so weights and batch-norm statistics are not the initial ones), exported, loaded by
 * {@code roundtrip.py} with {@code load_state_dict(strict=True)}, and run on the first 256 test
 * images in eval mode; the logits must match convprobe's evaluation of the same checkpoint to 1e-4
 * and the predicted classes exactly. The last spec uses every layer type of the compact grammar
 * (padding, dilation, no-bias conv, GELU, tanh, sigmoid, identity, avg/max pool with padding,
 * 2-D and 1-D batch norm, dropout); the two NAS-Bench-201 cell networks (C 4, N 1) cover every op,
 * a zero node and skipped dead edges, with an input normalisation in {@code preprocess()}. Skipped only when {@code /usr/bin/python3} lacks torch and
 * {@code CONVPROBE_REQUIRE_PYTORCH} is unset (CI sets it, so there the test cannot skip).
 */
class PyTorchRoundTripTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final int N = 256;

    @BeforeAll
    static void needsTorch() throws Exception { // also used by PyTorchModuleTest
        boolean ok = false;
        if (Files.isExecutable(PYTHON)) {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch, numpy").redirectErrorStream(true).start();
            ok = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        }
        if (!ok && System.getenv("CONVPROBE_REQUIRE_PYTORCH") != null) {
            throw new AssertionError("CONVPROBE_REQUIRE_PYTORCH is set but /usr/bin/python3 cannot import torch and numpy"
                    + " (apt-get install python3-torch)");
        }
        Assumptions.assumeTrue(ok, "skipped: /usr/bin/python3 cannot import torch and numpy"
                + " (apt-get install python3-torch); CI installs it");
    }

    /** One trained, exported model and convprobe's own logits for it. */
    private record Case(String model, Path export, ModelExport.Result result, float[] java, float[] init,
            double accuracy, Path logits) {}

    static final List<String> MODELS = List.of("tutorial-net", "stacked-net", "rcnn-k7.3.5-s2.1.2-d1.3.1-c32",
            "c8k3p1nb-bn-gelu-avg2p1-c8k3d2-tanh-max3s2p1-drop0.3-c4k1-sigmoid-identity-flat-fc16-bn-relu-drop0.2-fc10",
            // NAS-Bench-201 cell networks (C 4, N 1): every op kind (conv 3x3, none, avg pool, skip, conv 1x1);
            // then a zero node (all inputs none) feeding a conv, and a dead node whose edges never run
            "nb201:C4:N1:|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_3x3~2|",
            "nb201:C4:N1:|none~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|");
    /** The cell networks train with an input normalisation (Fashion-MNIST's mean/std), so preprocess() is checked too. */
    static final String NORMALIZE = "0.2860/0.3530";

    @Test
    void exportedModelsGiveConvprobesLogitsInPyTorch(@TempDir Path dir) throws Exception {
        Dataset data = EmbeddedSample.open();
        ImageBatch test = data.read(Split.TEST, 0, N);
        int classes = data.classes().size();
        List<Case> cases = new ArrayList<>();
        for (String model : MODELS) {
            cases.add(trainAndExport(model, data, test, dir.resolve("m" + cases.size())));
        }
        Path images = dir.resolve("images.u8");
        Files.write(images, test.pixels());
        // One Python process for all models: importing torch is the slow part.
        String keys = python(dir, images, data.imageShape(), cases);

        for (Case c : cases) {
            String model = c.model();
            float[] java = c.java();
            float[] torch = readFloats(c.logits());
            assertThat(torch).as(model).hasSize(N * classes);
            double maxDiff = 0;
            double scale = 0;
            int correct = 0;
            List<Integer> disagreements = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                int pj = argmax(java, i, classes);
                int pt = argmax(torch, i, classes);
                if (pj != pt) {
                    disagreements.add(i);
                }
                correct += pj == test.labels()[i] ? 1 : 0;
                for (int k = 0; k < classes; k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(java[i * classes + k] - torch[i * classes + k]));
                    scale = Math.max(scale, Math.abs(java[i * classes + k]));
                }
            }
            System.out.printf("round trip %s: max |logit| %.3f, max |diff| %.3g%n", model, scale, maxDiff);
            assertThat(maxDiff).as("max |logit diff| for " + model).isLessThanOrEqualTo(1e-4);
            assertThat(disagreements).as("images whose predicted class differs, " + model).isEmpty();
            // The logits are the evaluation's: same predictions, so the same accuracy.
            assertThat(correct / (double) N).as(model).isEqualTo(c.accuracy());
            String line = keys.lines().filter(l -> l.startsWith(c.export() + ": ")).findFirst().orElseThrow();
            assertThat(line.substring(line.indexOf(": ") + 2).split(" ")).as(model).hasSize(c.result().tensors());
            if (model.contains("bn") || model.equals("stacked-net")) {
                assertThat(line).contains("running_mean", "running_var", "num_batches_tracked");
            }
            if (model.startsWith("nb201:")) { // the reference TinyNetwork's names
                assertThat(line).contains("stem.0.weight", "stem.1.running_var", "cells.0.layers.", "cells.1.conv_a.op.1.weight",
                        "cells.1.conv_b.op.2.num_batches_tracked", "cells.1.downsample.1.weight", "cells.3.downsample.1.weight",
                        "lastact.0.weight", "classifier.weight", "classifier.bias");
                assertThat(line).doesNotContain("cells.5");
            }
            // The training moved the weights: logits differ from the untrained network's.
            double moved = 0;
            for (int i = 0; i < java.length; i++) {
                moved = Math.max(moved, Math.abs(c.init()[i] - java[i]));
            }
            assertThat(moved).as(model + " trained away from its init").isGreaterThan(1e-2);
        }
    }

    private static Case trainAndExport(String model, Dataset data, ImageBatch test, Path dir) throws IOException {
        Path run = dir.resolve("run");
        // One epoch of the sample (16 updates of 64, lr 3e-3): weights and batch-norm running
        // statistics move away from their initial values, and logits stay at a trained scale (a few
        // updates at lr 1e-2 leave batch norm's running statistics near 0/1, so eval-mode logits of
        // stacked-net reach ~900, where float32's own resolution is 6e-5 and 1e-4 absolute is noise).
        TrainConfig cfg = new TrainConfig(model, "fashion-mnist-mini", null, 1, null, "adamw", 3e-3, null, null,
                null, null, null, null, 64, "constant", null, null, null, null, null, 7L, 0, null,
                model.startsWith("nb201:") ? NORMALIZE : null);
        new Training(cfg, data, run, new Training.Listener() {}).run(false);
        Path ckptFile = run.resolve(Training.LAST);
        Path out = dir.resolve("export");
        ModelExport.Result r = ModelExport.export(ckptFile, out);
        assertThat(out.resolve(ModelExport.MODEL_PY)).exists();
        assertThat(Files.readString(out.resolve(ModelExport.README)))
                .contains("model = build(); model.load_state_dict(load_file(");
        Checkpoint ckpt = Checkpoint.read(ckptFile);
        Models.Network network = Models.of(ckpt.info());
        Normalization norm = cfg.normalization();
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = network.create(m, 0, 0);
            ckpt.loadParameters(net, m);
            float[] java = Evaluator.logits(net, test, N, m, norm);
            Evaluation eval = Evaluator.evaluate(net, test, data.classes().size(), 64, m, norm);
            SequentialBlock init = network.create(m, cfg.seed(), cfg.trial());
            float[] before = Evaluator.logits(init, test, N, m, norm);
            return new Case(model, out, r, java, before, eval.accuracy(), dir.resolve("logits.f32"));
        }
    }

    private static String python(Path dir, Path images, Shape in, List<Case> cases) throws IOException, InterruptedException {
        Path script = dir.resolve("roundtrip.py");
        try (var s = PyTorchRoundTripTest.class.getResourceAsStream("roundtrip.py")) {
            Files.write(script, s.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), images.toString(),
                String.valueOf(N), String.valueOf(in.channels()), String.valueOf(in.height()), String.valueOf(in.width())));
        for (Case c : cases) {
            cmd.add(c.export().toString());
            cmd.add(c.logits().toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("roundtrip.py failed:\n" + output).isZero();
        return output;
    }

    static float[] readFloats(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    static int argmax(float[] v, int row, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (v[row * classes + c] > v[row * classes + best]) {
                best = c;
            }
        }
        return best;
    }
}
