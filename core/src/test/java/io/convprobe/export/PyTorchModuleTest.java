package io.convprobe.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import io.convprobe.cli.Main;
import io.convprobe.report.TrainingSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PyTorchModuleTest {
    static final String ALL = "c8k3p1nb-bn-gelu-avg2p1-c8k3d2-tanh-max3s2p1-drop0.3-c4k1-sigmoid-identity-flat-fc16-bn-relu";

    private static String[] run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void everyLayerMapsToItsTorchModuleWithShapesInTheComment() {
        String[] r = run("arch", ALL, "--input", "3x32x32", "--classes", "10", "--format", "pytorch");
        assertThat(r[0]).isEqualTo("0");
        String py = r[1];
        assertThat(py).contains("nn.Conv2d(3, 8, kernel_size=3, stride=1, padding=1, dilation=1, bias=False)")
                .contains("nn.BatchNorm2d(8, eps=1e-05, momentum=0.1)").contains("nn.GELU()")
                .contains("nn.AvgPool2d(kernel_size=2, stride=2, padding=1, ceil_mode=False, count_include_pad=True)")
                .contains("nn.Conv2d(8, 8, kernel_size=3, stride=1, padding=0, dilation=2, bias=True)")
                .contains("nn.MaxPool2d(kernel_size=3, stride=2, padding=1)").contains("nn.Dropout(p=0.3)")
                .contains("nn.Tanh()").contains("nn.Sigmoid()").contains("nn.Identity()").contains("nn.Flatten()")
                .contains("nn.BatchNorm1d(16, eps=1e-05, momentum=0.1)").contains("nn.Linear(16, 10, bias=True)")
                .contains("INPUT_SHAPE = (3, 32, 32)").contains("def build() -> nn.Sequential:");
        ArchSummary s = ShapeInference.infer(SpecFormat.parse(ALL).withHead(10), Shape.chw(3, 32, 32));
        assertThat(py).contains(String.format("# total: %,d parameters, %,d MACs per image", s.params(), s.macs()));
        assertThat(PyTorchModule.stateDictNames(s.spec()).stream().map(PyTorchModule.Entry::key).toList())
                .startsWith("0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
                        "4.weight", "4.bias");
    }

    /** Python builds the printed module: the parameter count and output shape are ShapeInference's. */
    @Test
    void thePrintedModuleBuildsInPyTorchWithTheSameParameterCount(@TempDir Path dir) throws Exception {
        PyTorchRoundTripTest.needsTorch();
        String[] r = run("arch", ALL, "--input", "3x32x32", "--classes", "10", "--format", "pytorch");
        Path model = dir.resolve("model.py");
        Files.writeString(model, r[1]);
        Process p = new ProcessBuilder(PyTorchRoundTripTest.PYTHON.toString(), model.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        long params = ShapeInference.infer(SpecFormat.parse(ALL).withHead(10), Shape.chw(3, 32, 32)).params();
        assertThat(out.strip()).endsWith("-> (1, 10) " + params + " parameters");
    }

    /**
     * An nb201: network prints as NAS-Bench-201's TinyNetwork; Python builds it with GraphInference's
     * parameter count (which equals NAS-Bench-201's own table) and state_dict keys in the order
     * {@link Nb201Module#stateDictNames} lists them, the order model.safetensors is written in.
     */
    @Test
    void aCellNetworkPrintsAsTinyNetworkAndBuildsInPyTorch(@TempDir Path dir) throws Exception {
        String spec = "nb201:C4:N2:|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_3x3~2|";
        String[] r = run("arch", spec, "--format", "pytorch");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("class InferCell(nn.Module):").contains("count_include_pad=False")
                .contains("[(\"none\", 0), (\"avg_pool_3x3\", 1)]").contains("INPUT_SHAPE = (3, 32, 32)")
                .doesNotContain("MEAN");
        io.convprobe.arch.Nb201Spec nb = SpecFormat.parseNb201(spec);
        io.convprobe.arch.GraphSpec g = nb.toGraph(10);
        long params = io.convprobe.arch.GraphInference.infer(g, Shape.chw(3, 32, 32)).params();
        List<String> keys = Nb201Module.stateDictNames(nb, g).stream().map(Nb201Module.Entry::key).toList();
        assertThat(keys).startsWith("stem.0.weight", "stem.1.weight", "stem.1.bias", "stem.1.running_mean",
                "stem.1.running_var", "stem.1.num_batches_tracked", "cells.0.layers.0.op.1.weight");
        assertThat(keys).contains("cells.0.layers.4.op.1.weight", "cells.2.conv_a.op.1.weight", "cells.2.downsample.1.weight")
                .doesNotContain("cells.0.layers.1.op.1.weight").endsWith("classifier.weight", "classifier.bias");

        PyTorchRoundTripTest.needsTorch();
        Path model = dir.resolve("model.py");
        Files.writeString(model, r[1] + "\n    print(\" \".join(build().state_dict().keys()))\n");
        Process p = new ProcessBuilder(PyTorchRoundTripTest.PYTHON.toString(), model.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> lines = out.strip().lines().toList();
        assertThat(lines.get(lines.size() - 2)).endsWith("-> (1, 10) " + params + " parameters");
        assertThat(List.of(lines.get(lines.size() - 1).split(" "))).containsExactlyElementsOf(keys);
    }

    @Test
    void onnxIsRefusedWithTheReasonAndAMissingRunIsOneLine(@TempDir Path dir) {
        String[] onnx = run("export", dir.toString(), "--out", dir.resolve("o").toString(), "--format", "onnx");
        assertThat(onnx[0]).isEqualTo("2");
        assertThat(onnx[2]).contains("DJL cannot write ONNX").contains("tribuo-onnx-export").contains("torch.onnx.export");
        String[] missing = run("export", dir.resolve("nope").toString(), "--out", dir.resolve("o").toString());
        assertThat(missing[0]).isEqualTo("2");
        assertThat(missing[2]).contains("training run not found");
    }

    @Test
    void theReportListsEachRunsExportCommand() {
        TrainingSummary t = new TrainingSummary("r1", "tutorial-net", "adamw", 3e-4, 64, 100, List.of(), 1, 50, 1, 1, 1,
                "runs/train/r1");
        var table = io.convprobe.report.TrainingSectionAccess.exportTable(List.of(t));
        assertThat(table.rows()).containsExactly(List.of("r1", "convprobe export runs/train/r1 --out runs/train/r1/pytorch"));
    }
}
