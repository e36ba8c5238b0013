package io.convprobe.export;

import io.convprobe.Version;
import io.convprobe.arch.GraphInference;
import io.convprobe.arch.GraphOp;
import io.convprobe.arch.GraphSpec;
import io.convprobe.arch.Nb201Spec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An {@code nb201:} cell network as a self-contained Python module: NAS-Bench-201's reference
 * {@code TinyNetwork} (AutoDL-Projects, {@code xautodl/models/cell_infers/tiny_network.py}, {@code
 * cells.py}, {@code cell_operations.py}), written out with the reference's class, module and
 * parameter names — {@code stem}, {@code cells.<j>} ({@code InferCell}: {@code layers.<k>} for the
 * cell string's k-th op, {@code none} included; {@code ResNetBasicblock}: {@code conv_a},
 * {@code conv_b}, {@code downsample}), {@code lastact}, {@code classifier} — so the exported weights
 * also load into the reference's own module (for 3-channel inputs). {@link #stateDictNames} pairs
 * each state_dict key, in PyTorch's order, with the DJL parameter that holds it in the network
 * {@code nn.CellNetworks} builds from the same {@link GraphSpec} (block b = child b, edge e = child
 * e, op o = child o of the edge).
 */
public final class Nb201Module {
    private Nb201Module() {}

    /**
     * A state_dict entry and its DJL source: parameter {@code djlName} of op {@code op} of edge
     * {@code edge} of block {@code block}; {@code int64Counter} is batch norm's num_batches_tracked
     * (no DJL parameter).
     */
    public record Entry(String key, int block, int edge, int op, String djlName, boolean int64Counter) {}

    /** The state_dict keys of {@code build()} in PyTorch's order (modules as registered; parameters, then buffers). */
    public static List<Entry> stateDictNames(Nb201Spec nb, GraphSpec graph) {
        List<Entry> out = new ArrayList<>();
        // the cell's edges are the non-'none' ops in cell-string order (Nb201Spec.toGraph)
        List<Integer> layerOfEdge = new ArrayList<>();
        for (int k = 0; k < nb.ops().size(); k++) {
            if (nb.ops().get(k) != Nb201Spec.Op.NONE) {
                layerOfEdge.add(k);
            }
        }
        int cell = 0;
        for (int b = 0; b < graph.blocks().size(); b++) {
            GraphSpec.Block block = graph.blocks().get(b);
            for (int e = 0; e < block.edges().size(); e++) {
                List<GraphOp> ops = block.edges().get(e).ops();
                for (int o = 0; o < ops.size(); o++) {
                    String prefix = switch (block.label()) {
                        case "stem" -> "stem." + o;
                        case "cell" -> "cells." + cell + ".layers." + layerOfEdge.get(e) + ".op." + o;
                        case "reduce" -> e == 0 ? (o < 3 ? "cells." + cell + ".conv_a.op." + o
                                : "cells." + cell + ".conv_b.op." + (o - 3)) : "cells." + cell + ".downsample." + o;
                        case "head" -> ops.get(o) instanceof GraphOp.Linear ? "classifier" : "lastact." + o;
                        default -> throw new IllegalArgumentException("not an nb201 block: " + block.label());
                    };
                    add(out, ops.get(o), prefix, b, e, o);
                }
            }
            if (block.label().equals("cell") || block.label().equals("reduce")) {
                cell++;
            }
        }
        return out;
    }

    private static void add(List<Entry> out, GraphOp op, String prefix, int b, int e, int o) {
        if (op instanceof GraphOp.Conv) {
            out.add(new Entry(prefix + ".weight", b, e, o, "weight", false));
        } else if (op instanceof GraphOp.Linear) {
            out.add(new Entry(prefix + ".weight", b, e, o, "weight", false));
            out.add(new Entry(prefix + ".bias", b, e, o, "bias", false));
        } else if (op instanceof GraphOp.BatchNorm) {
            out.add(new Entry(prefix + ".weight", b, e, o, "gamma", false));
            out.add(new Entry(prefix + ".bias", b, e, o, "beta", false));
            out.add(new Entry(prefix + ".running_mean", b, e, o, "runningMean", false));
            out.add(new Entry(prefix + ".running_var", b, e, o, "runningVar", false));
            out.add(new Entry(prefix + ".num_batches_tracked", b, e, o, null, true));
        }
    }

    /**
     * The module's source. {@code classesOrNull} names the outputs when known; {@code mean}/{@code
     * std} (null for none) are the per-channel normalisation {@code preprocess} applies after x/255.
     */
    public static String source(Nb201Spec nb, GraphInference.GraphSummary s, List<String> classesOrNull, float[] mean,
            float[] std) {
        Shape in = s.input();
        String spec = SpecFormat.toNb201(nb);
        StringBuilder py = new StringBuilder();
        py.append("\"\"\"convprobe cell network ").append(spec).append("\n\n");
        py.append("Written by convprobe ").append(Version.convprobe()).append(" (`convprobe export` or `convprobe arch --format\n");
        py.append("pytorch`). NAS-Bench-201's TinyNetwork (AutoDL-Projects: xautodl/models/cell_infers/tiny_network.py), with the\n");
        py.append("reference's module and parameter names: stem, cells (InferCell: node j sums op(node i) over its\n");
        py.append("inputs i < j; ResNetBasicblock: the stride-2 reductions), lastact, global_pooling, classifier.\n");
        py.append("Input: float32 NCHW images of ").append(in).append(", see preprocess(). Output: ")
                .append(s.output()).append(" logits.\nNeeds only PyTorch.\n\"\"\"\n");
        py.append("# Blocks (convprobe's GraphInference): edges from>to:ops (id = identity), output shape per image,\n");
        py.append("# parameters and multiply-accumulates (MACs). 'none' ops are no edge.\n");
        py.append(String.format(Locale.ROOT, "# %-3s %-7s %-12s %10s %12s  %s%n", "#", "block", "output", "params", "MACs",
                "edges"));
        py.append(String.format(Locale.ROOT, "# %-3s %-7s %s%n", "", "input", in));
        for (GraphInference.BlockInfo b : s.blocks()) {
            List<String> edges = new ArrayList<>();
            for (GraphSpec.Edge e : b.block().edges()) {
                edges.add(e.from() + ">" + e.to() + ":" + e.token());
            }
            py.append(String.format(Locale.ROOT, "# %-3d %-7s %-12s %,10d %,12d  %s%n", b.index(), b.block().label(),
                    b.output(), b.params(), b.macs(), String.join(" ", edges)));
        }
        py.append(String.format(Locale.ROOT, "# total: %,d parameters, %,d MACs per image, output %s%n%n", s.params(),
                s.macs(), s.output()));
        py.append("import torch\nfrom torch import nn\n\n");
        py.append("SPEC = ").append(PyTorchModule.pyString(spec)).append('\n');
        py.append("C = ").append(nb.c()).append("  # channels of the first stage (x2, x4 after each reduction)\n");
        py.append("N = ").append(nb.n()).append("  # cells per stage\n");
        py.append("# node j's inputs (op, from node i), j = 1..3: the cell string ").append(nb.cellString()).append('\n');
        py.append("GENOTYPE = [\n");
        int k = 0;
        for (int j = 1; j <= 3; j++) {
            py.append("    [");
            for (int i = 0; i < j; i++) {
                py.append(i > 0 ? ", " : "").append("(\"").append(nb.ops().get(k++).key()).append("\", ").append(i).append(')');
            }
            py.append("],\n");
        }
        py.append("]\n");
        py.append("INPUT_SHAPE = (").append(in.channels()).append(", ").append(in.height()).append(", ")
                .append(in.width()).append(")\n");
        py.append("NUM_CLASSES = ").append(s.output().channels()).append('\n');
        if (classesOrNull != null) {
            py.append("CLASSES = [");
            for (int i = 0; i < classesOrNull.size(); i++) {
                py.append(i > 0 ? ", " : "").append(PyTorchModule.pyString(classesOrNull.get(i)));
            }
            py.append("]\n");
        }
        py.append(PyTorchModule.normalizationConstants(mean, std));
        py.append(CLASSES_SOURCE);
        py.append("\n\ndef build() -> TinyNetwork:\n");
        py.append("    \"\"\"The network; its state_dict keys are model.safetensors' (stem.0.weight, cells.0.layers.0.op.1.weight, ...).\"\"\"\n");
        py.append("    return TinyNetwork(C, N, GENOTYPE, NUM_CLASSES, in_channels=INPUT_SHAPE[0])\n\n\n");
        py.append(PyTorchModule.preprocessSource(mean != null));
        py.append("\n\nif __name__ == \"__main__\":\n");
        py.append("    model = build().eval()\n");
        py.append("    with torch.no_grad():\n");
        py.append("        out = model(torch.zeros(1, *INPUT_SHAPE))\n");
        py.append("    print(SPEC, \"->\", tuple(out.shape), sum(p.numel() for p in model.parameters()), \"parameters\")\n");
        return py.toString();
    }

    /** The reference's modules, reduced to NAS-Bench-201's five ops (stride 1 inside cells, C_in == C_out). */
    private static final String CLASSES_SOURCE = """

            class ReLUConvBN(nn.Module):
                \"\"\"nor_conv_1x1 / nor_conv_3x3: ReLU -> conv (no bias) -> batch norm.\"\"\"

                def __init__(self, c_in, c_out, kernel, stride, padding):
                    super().__init__()
                    self.op = nn.Sequential(
                        nn.ReLU(inplace=False),
                        nn.Conv2d(c_in, c_out, kernel, stride=stride, padding=padding, bias=False),
                        nn.BatchNorm2d(c_out, eps=1e-05, momentum=0.1),
                    )

                def forward(self, x):
                    return self.op(x)

            class Zero(nn.Module):
                \"\"\"none: contributes zeros.\"\"\"

                def forward(self, x):
                    return x.mul(0.0)

            class Identity(nn.Module):
                \"\"\"skip_connect.\"\"\"

                def forward(self, x):
                    return x

            class Pooling(nn.Module):
                \"\"\"avg_pool_3x3: the mean over the window's pixels inside the image (padding not counted).\"\"\"

                def __init__(self):
                    super().__init__()
                    self.op = nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)

                def forward(self, x):
                    return self.op(x)

            OPS = {
                "none": lambda c: Zero(),
                "skip_connect": lambda c: Identity(),
                "nor_conv_1x1": lambda c: ReLUConvBN(c, c, 1, 1, 0),
                "nor_conv_3x3": lambda c: ReLUConvBN(c, c, 3, 1, 1),
                "avg_pool_3x3": lambda c: Pooling(),
            }

            class InferCell(nn.Module):
                \"\"\"A cell: node 0 is the input; node j sums op(node i) over its inputs; the last node is the output.\"\"\"

                def __init__(self, genotype, c):
                    super().__init__()
                    self.layers = nn.ModuleList()
                    self.node_IN, self.node_IX = [], []
                    for node in genotype:
                        ix, inn = [], []
                        for op, src in node:
                            ix.append(len(self.layers))
                            inn.append(src)
                            self.layers.append(OPS[op](c))
                        self.node_IX.append(ix)
                        self.node_IN.append(inn)

                def forward(self, x):
                    nodes = [x]
                    for ix, inn in zip(self.node_IX, self.node_IN):
                        nodes.append(sum(self.layers[l](nodes[i]) for l, i in zip(ix, inn)))
                    return nodes[-1]

            class ResNetBasicblock(nn.Module):
                \"\"\"The reduction between stages: two ReLU-conv-BN (the first with stride 2) plus avg pool 2x2 -> conv 1x1.\"\"\"

                def __init__(self, c_in, c_out):
                    super().__init__()
                    self.conv_a = ReLUConvBN(c_in, c_out, 3, 2, 1)
                    self.conv_b = ReLUConvBN(c_out, c_out, 3, 1, 1)
                    self.downsample = nn.Sequential(
                        nn.AvgPool2d(kernel_size=2, stride=2, padding=0),
                        nn.Conv2d(c_in, c_out, kernel_size=1, stride=1, padding=0, bias=False),
                    )

                def forward(self, x):
                    return self.downsample(x) + self.conv_b(self.conv_a(x))

            class TinyNetwork(nn.Module):
                \"\"\"Stem, N cells at C, reduction to 2C, N cells, reduction to 4C, N cells, BN + ReLU, global average pool, linear.\"\"\"

                def __init__(self, C, N, genotype, num_classes, in_channels=3):
                    super().__init__()
                    self.stem = nn.Sequential(
                        nn.Conv2d(in_channels, C, kernel_size=3, padding=1, bias=False),
                        nn.BatchNorm2d(C, eps=1e-05, momentum=0.1),
                    )
                    channels = [C] * N + [C * 2] + [C * 2] * N + [C * 4] + [C * 4] * N
                    reductions = [False] * N + [True] + [False] * N + [True] + [False] * N
                    self.cells = nn.ModuleList()
                    prev = C
                    for c, reduction in zip(channels, reductions):
                        self.cells.append(ResNetBasicblock(prev, c) if reduction else InferCell(genotype, c))
                        prev = c
                    self.lastact = nn.Sequential(nn.BatchNorm2d(prev, eps=1e-05, momentum=0.1), nn.ReLU(inplace=True))
                    self.global_pooling = nn.AdaptiveAvgPool2d(1)
                    self.classifier = nn.Linear(prev, num_classes)

                def forward(self, x):
                    feature = self.stem(x)
                    for cell in self.cells:
                        feature = cell(feature)
                    out = self.global_pooling(self.lastact(feature)).view(x.size(0), -1)
                    return self.classifier(out)
            """;
}
