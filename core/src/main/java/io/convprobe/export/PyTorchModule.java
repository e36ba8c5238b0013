package io.convprobe.export;

import io.convprobe.Version;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Layer;
import io.convprobe.arch.LayerInfo;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A spec as a self-contained Python module: {@code build()} returns a {@code torch.nn.Sequential}
 * whose child {@code i} is spec layer {@code i}, so its state_dict names are {@code "i.weight"},
 * {@code "i.running_mean"}, ... ({@link #stateDictNames}). Every layer maps to the torch.nn module
 * with the semantics {@code nn.NetworkBuilder} gives DJL: GELU exact (erf, PyTorch's default, which
 * DJL's PyTorch engine calls), batch norm eps 1e-5 and momentum 0.1 (PyTorch's convention), average
 * pooling counting padding, floor mode everywhere. Inputs are NCHW float32 images scaled to x/255
 * with no mean/std normalisation, as convprobe trains and evaluates.
 */
public final class PyTorchModule {
    private PyTorchModule() {}

    /** The module's source; {@code classesOrNull} names the outputs when known (a trained run). */
    public static String source(ArchSummary s, List<String> classesOrNull) {
        return source(s, classesOrNull, null, null);
    }

    /**
     * As above, with {@code preprocess} normalising per channel by {@code mean}/{@code std} after
     * x/255 (null: no normalisation), as the run trained.
     */
    public static String source(ArchSummary s, List<String> classesOrNull, float[] mean, float[] std) {
        StringBuilder py = new StringBuilder();
        Shape in = s.input();
        py.append("\"\"\"convprobe network ").append(SpecFormat.toCompact(s.spec())).append("\n\n");
        py.append("Written by convprobe ").append(Version.convprobe()).append(" (`convprobe arch --format pytorch` or\n");
        py.append("`convprobe export`). Input: float32 NCHW images of ").append(in)
                .append(mean == null ? ", pixel values x/255 (no mean/std\nnormalisation)" : ", pixel values x/255 normalised by MEAN/STD\n(see preprocess)");
        py.append(". Output: ").append(s.output()).append(" logits. Needs only PyTorch.\n\"\"\"\n");
        py.append("# Shapes per image (ShapeInference), parameters and multiply-accumulates (MACs):\n");
        py.append(String.format(Locale.ROOT, "# %-3s %-16s %-12s %12s %14s%n", "#", "layer", "output", "params", "MACs"));
        py.append(String.format(Locale.ROOT, "# %-3s %-16s %-12s%n", "", "input", in));
        for (LayerInfo l : s.layers()) {
            py.append(String.format(Locale.ROOT, "# %-3d %-16s %-12s %,12d %,14d%n", l.index(),
                    SpecFormat.toCompact(ArchSpec.of(l.layer())), l.output(), l.params(), l.macs()));
        }
        py.append(String.format(Locale.ROOT, "# total: %,d parameters, %,d MACs per image, output %s%n%n", s.params(),
                s.macs(), s.output()));
        py.append("import torch\nfrom torch import nn\n\n");
        py.append("SPEC = ").append(pyString(SpecFormat.toCompact(s.spec()))).append('\n');
        py.append("INPUT_SHAPE = (").append(in.channels()).append(", ").append(in.height()).append(", ")
                .append(in.width()).append(")\n");
        if (classesOrNull != null) {
            py.append("CLASSES = [");
            for (int i = 0; i < classesOrNull.size(); i++) {
                py.append(i > 0 ? ", " : "").append(pyString(classesOrNull.get(i)));
            }
            py.append("]\n");
        }
        py.append(normalizationConstants(mean, std));
        py.append("\n\ndef build() -> nn.Sequential:\n");
        py.append("    \"\"\"The network; child i is spec layer i (state_dict keys \"i.weight\", ...).\"\"\"\n");
        py.append("    return nn.Sequential(\n");
        for (LayerInfo l : s.layers()) {
            py.append("        ").append(module(l)).append(",  # ").append(l.index()).append(": ")
                    .append(SpecFormat.token(l.layer())).append(" -> ").append(l.output()).append('\n');
        }
        py.append("    )\n\n\n");
        py.append(preprocessSource(mean != null)).append("\n\n");
        py.append("if __name__ == \"__main__\":\n");
        py.append("    model = build().eval()\n");
        py.append("    with torch.no_grad():\n");
        py.append("        out = model(torch.zeros(1, *INPUT_SHAPE))\n");
        py.append("    print(SPEC, \"->\", tuple(out.shape), sum(p.numel() for p in model.parameters()), \"parameters\")\n");
        return py.toString();
    }

    /** {@code MEAN}/{@code STD} lines (float32 values, per channel) for {@link #preprocessSource}; none without normalisation. */
    static String normalizationConstants(float[] mean, float[] std) {
        if (mean == null) {
            return "";
        }
        return "MEAN = " + floats(mean) + "  # per channel, after x/255 (float32)\nSTD = " + floats(std) + "\n";
    }

    private static String floats(float[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            b.append(i > 0 ? ", " : "").append(Float.toString(v[i]));
        }
        return b.append(v.length == 1 ? ",)" : ")").toString();
    }

    /** {@code preprocess(images_uint8)}: x/255 as float32, then (x - MEAN) / STD when the run normalised. */
    static String preprocessSource(boolean normalized) {
        StringBuilder py = new StringBuilder();
        py.append("def preprocess(images_uint8: torch.Tensor) -> torch.Tensor:\n");
        if (!normalized) {
            py.append("    \"\"\"uint8 NCHW images as convprobe feeds them: float32 x/255.\"\"\"\n");
            py.append("    return images_uint8.to(torch.float32) / 255.0\n");
            return py.toString();
        }
        py.append("    \"\"\"uint8 NCHW images as convprobe feeds them: float32 x/255, then (x - MEAN) / STD per channel.\"\"\"\n");
        py.append("    x = images_uint8.to(torch.float32) / 255.0\n");
        py.append("    mean = torch.tensor(MEAN, dtype=torch.float32).view(1, -1, 1, 1)\n");
        py.append("    std = torch.tensor(STD, dtype=torch.float32).view(1, -1, 1, 1)\n");
        py.append("    return (x - mean) / std\n");
        return py.toString();
    }

    /** One layer's torch.nn constructor call. */
    static String module(LayerInfo info) {
        Layer l = info.layer();
        Shape in = info.input();
        if (l instanceof Layer.Conv c) {
            return "nn.Conv2d(" + in.channels() + ", " + c.outChannels() + ", kernel_size=" + c.kernel() + ", stride="
                    + c.stride() + ", padding=" + c.padding() + ", dilation=" + c.dilation() + ", bias="
                    + pyBool(c.bias()) + ")";
        }
        if (l instanceof Layer.Act a) {
            return switch (a.fn()) {
                case RELU -> "nn.ReLU()";
                case GELU -> "nn.GELU()"; // exact erf form, like DJL's PyTorch engine (torch::gelu default)
                case TANH -> "nn.Tanh()";
                case SIGMOID -> "nn.Sigmoid()";
                case IDENTITY -> "nn.Identity()";
            };
        }
        if (l instanceof Layer.Pool p) {
            String args = "kernel_size=" + p.kernel() + ", stride=" + p.stride() + ", padding=" + p.padding();
            return p.kind() == Layer.PoolKind.MAX ? "nn.MaxPool2d(" + args + ")"
                    : "nn.AvgPool2d(" + args + ", ceil_mode=False, count_include_pad=True)";
        }
        if (l instanceof Layer.BatchNorm) {
            return (in.isImage() ? "nn.BatchNorm2d(" : "nn.BatchNorm1d(") + in.channels() + ", eps=1e-05, momentum=0.1)";
        }
        if (l instanceof Layer.Dropout d) {
            return "nn.Dropout(p=" + d.p() + ")";
        }
        if (l instanceof Layer.Flatten) {
            return "nn.Flatten()";
        }
        Layer.Linear fc = (Layer.Linear) l;
        return "nn.Linear(" + in.channels() + ", " + fc.outFeatures() + ", bias=" + pyBool(fc.bias()) + ")";
    }

    /** A state_dict entry: its key, and which DJL parameter of the layer's block holds it (null: none). */
    public record Entry(String key, int layer, String djlName, boolean int64Counter) {}

    /** The module's state_dict keys in PyTorch's order, with their DJL sources. */
    public static List<Entry> stateDictNames(ArchSpec spec) {
        List<Entry> out = new ArrayList<>();
        List<Layer> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l instanceof Layer.Conv c) {
                out.add(new Entry(i + ".weight", i, "weight", false));
                if (c.bias()) {
                    out.add(new Entry(i + ".bias", i, "bias", false));
                }
            } else if (l instanceof Layer.Linear fc) {
                out.add(new Entry(i + ".weight", i, "weight", false));
                if (fc.bias()) {
                    out.add(new Entry(i + ".bias", i, "bias", false));
                }
            } else if (l instanceof Layer.BatchNorm) {
                out.add(new Entry(i + ".weight", i, "gamma", false));
                out.add(new Entry(i + ".bias", i, "beta", false));
                out.add(new Entry(i + ".running_mean", i, "runningMean", false));
                out.add(new Entry(i + ".running_var", i, "runningVar", false));
                out.add(new Entry(i + ".num_batches_tracked", i, null, true));
            }
        }
        return out;
    }

    static String pyString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '\\' || ch == '"') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20 || ch > 0x7e) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }

    private static String pyBool(boolean b) {
        return b ? "True" : "False";
    }
}
