package io.convprobe.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import io.convprobe.data.Dataset;
import io.convprobe.data.EmbeddedSample;
import io.convprobe.data.ImageBatch;
import io.convprobe.data.Split;
import io.convprobe.proxy.Proxies;
import io.convprobe.proxy.ProxyInput;
import io.convprobe.train.Checkpoint;
import io.convprobe.train.Evaluator;
import io.convprobe.train.TrainConfig;
import io.convprobe.train.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Prints, as exact bit patterns, every gradient proxy's score on two networks, every score of a
 * NAS-Bench-201 cell network, and the logits after one training step of the every-layer spec: what {@link TwoJvmDeterminismTest} runs in two
 * separate JVMs and compares. (Twice in one JVM would hide a fault that depends on the process:
 * oneDNN chooses its kernels once per process.)
 */
public final class GradientFingerprint {
    static final String EVERY_LAYER =
            "c8k3p1nb-bn-gelu-avg2p1-c8k3d2-tanh-max3s2p1-drop0.3-c4k1-sigmoid-identity-flat-fc16-bn-relu-drop0.2-fc10";
    static final String CELL =
            "nb201:C4:N1:|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|";
    static final int N = 256; // as ProxyFixtureTest: zico needs two batches of 32 with varied gradients

    public static void main(String[] args) throws Exception {
        GradientCheck.require();
        try (Dataset data = EmbeddedSample.open(); NDManager m = NDManager.newBaseManager()) {
            ImageBatch b = data.read(Split.TRAIN, 0, N);
            float[] px = new float[N * 28 * 28];
            for (int i = 0; i < px.length; i++) {
                px[i] = (b.pixels()[i] & 0xFF) / 255f;
            }
            NDArray x = m.create(px, new ai.djl.ndarray.types.Shape(N, 1, 28, 28));
            for (String spec : new String[] {"c8k3-relu-c8k3-relu", "c6k5s2-relu-max2-c8k3d2p1-gelu-c4k3-relu"}) {
                ArchSummary s = ShapeInference.infer(SpecFormat.parse(spec), Shape.chw(1, 28, 28));
                ProxyInput in = new ProxyInput(s, 0, 0, x, b.labels(), 10, 32, 0.0, null, m);
                Map<String, Double> got = Proxies.parse("grad_norm,snip,jacob_cov,synflow,zico").scores(in);
                got.forEach((k, v) -> System.out.println(spec + " " + k + " " + v + " " + Long.toHexString(Double.doubleToRawLongBits(v))));
            }
            // a cell network (every NAS-Bench-201 op, a dead edge) through the cell screen's prober: every score
            try (io.convprobe.cells.CellProber cells = new io.convprobe.cells.CellProber(data,
                    new io.convprobe.cells.CellProber.Settings(128, 64, 0, 32),
                    Proxies.parse("ridge,naswot,synflow,grad_norm,snip,jacob_cov,zico"),
                    List.of(io.convprobe.cells.CellProber.Readout.DEFAULT))) {
                Map<String, Double> got = cells.probe(io.convprobe.arch.Nb201Notation.parse(CELL), 0).scores();
                got.forEach((k, v) -> System.out.println("cell " + k + " " + v + " " + Long.toHexString(Double.doubleToRawLongBits(v))));
            }
            // one training step: one batch of 64 (max inputs 64), adamw 3e-3, seed 7
            Path run = Files.createTempDirectory("fingerprint");
            TrainConfig cfg = new TrainConfig(EVERY_LAYER, "fashion-mnist-mini", null, null, 64L, "adamw", 3e-3, null, null,
                    null, null, null, null, 64, "constant", null, null, null, null, null, 7L, 0);
            new Training(cfg, data, run, new Training.Listener() {}).run(false);
            Checkpoint ckpt = Checkpoint.read(run.resolve(Training.LAST));
            ArchSpec spec = SpecFormat.parse(ckpt.info().spec());
            SequentialBlock net = Networks.create(spec, Shape.chw(1, 28, 28), m, 0, 0);
            ckpt.loadParameters(net, m);
            float[] logits = Evaluator.logits(net, data.read(Split.TEST, 0, 64), 64, m);
            System.out.println("train-step logits " + logits[0] + " hash " + Integer.toHexString(Arrays.hashCode(logits))
                    + " finite " + allFinite(logits));
        }
    }

    private static boolean allFinite(float[] v) {
        for (float f : v) {
            if (!Float.isFinite(f)) {
                return false;
            }
        }
        return true;
    }
}
