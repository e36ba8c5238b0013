package io.convprobe.cli;

import io.convprobe.TextTable;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.GraphInference;
import io.convprobe.arch.LayerInfo;
import io.convprobe.arch.Nb201Spec;
import io.convprobe.export.Nb201Module;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.report.ArchText;
import io.convprobe.arch.SpecFormat;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code convprobe arch SPEC}: per-layer shapes, parameters, MACs and receptive field. */
@Command(name = "arch", mixinStandardHelpOptions = true,
        description = {"Show an architecture's layers, output shapes, parameters, MACs, receptive field and ratio.",
            "SPEC is the published notation (ch=32 ks=7,3,5 st=2,1,2 di=1,3,1), the compact one",
            "(c32k7s2-relu-max2-flat-fc10), JSON/YAML text, a .json/.yaml file, or a NAS-Bench-201",
            "cell network (nb201:[C16:][N5:]|nor_conv_3x3~0|+|...|)."},
        footer = {"", "MACs are multiply-accumulates per image (conv and linear layers).",
            "For nb201: specs, NASLib flops is the count behind NASLib's flops column (README).",
            "Example: convprobe arch ch=32 ks=7,3,5 st=2,1,2 di=1,3,1 --classes 10"})
public final class ArchCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "The architecture (several words are joined).")
    List<String> spec;

    @Option(names = "--input", paramLabel = "CxHxW", description = "Input shape (default 3x96x96; 3x32x32 for nb201:).")
    String input;

    @Option(names = "--classes", paramLabel = "N",
            description = "Append flatten + linear to N classes and count it (nb201: the classifier's classes, default 10).")
    Integer classes;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--format", paramLabel = "FORM",
            description = "Print the spec itself in this form instead: published, compact, json, yaml, or pytorch "
                    + "(a Python module defining it as torch.nn.Sequential for --input; add --classes N for the head; "
                    + "an nb201: network prints as nb201 or as pytorch, NAS-Bench-201's TinyNetwork).")
    String format;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        PrintWriter out = cmd.commandLine().getOut();
        String text = String.join(" ", spec);
        if (SpecFormat.isNb201(text)) {
            return cell(out, text);
        }
        if (input == null) {
            input = "3x96x96";
        }
        ArchSpec arch = SpecFormat.parse(text);
        if (classes != null) {
            if (classes < 1) {
                throw new io.convprobe.UserException("--classes must be at least 1, got " + classes);
            }
            arch = arch.withHead(classes);
        }
        if (format != null) {
            out.println(switch (format.toLowerCase(Locale.ROOT)) {
                case "published" -> SpecFormat.isPublishable(arch) ? SpecFormat.toPublished(arch)
                        : fail("spec is not conv+relu only; the published notation cannot express " + SpecFormat.toCompact(arch));
                case "compact" -> SpecFormat.toCompact(arch);
                case "json" -> SpecFormat.toJson(arch);
                case "yaml" -> SpecFormat.toYaml(arch).stripTrailing();
                case "pytorch" -> io.convprobe.export.PyTorchModule.source(ShapeInference.infer(arch, Shape.parse(input)), null)
                        .stripTrailing();
                default -> fail("--format '" + format + "': expected published, compact, json, yaml or pytorch");
            });
            return 0;
        }
        ArchSummary s = ShapeInference.infer(arch, Shape.parse(input));
        if (json) {
            out.println(Json.write(ArchText.json(s)));
        } else {
            out.print(ArchText.table(s));
        }
        out.flush();
        return 0;
    }

    /** A cell network: summarised per block; --format prints it as nb201 or as a PyTorch module. */
    private int cell(PrintWriter out, String text) {
        Nb201Spec nb = SpecFormat.parseNb201(text);
        if (format != null && !format.equalsIgnoreCase("nb201") && !format.equalsIgnoreCase("pytorch")) {
            fail("--format '" + format + "': a cell network prints only as nb201 or pytorch");
        }
        if (format != null && format.equalsIgnoreCase("nb201")) {
            out.println(SpecFormat.toNb201(nb));
            out.flush();
            return 0;
        }
        if (classes != null && classes < 1) {
            throw new io.convprobe.UserException("--classes must be at least 1, got " + classes);
        }
        GraphInference.GraphSummary s = GraphInference.infer(nb.toGraph(classes == null ? 10 : classes),
                Shape.parse(input == null ? "3x32x32" : input));
        if (format != null) {
            out.print(Nb201Module.source(nb, s, null, null, null));
        } else {
            out.print(json ? Json.write(ArchText.json(s)) + "\n" : ArchText.table(s));
        }
        out.flush();
        return 0;
    }

    private static String fail(String message) {
        throw new io.convprobe.UserException(message);
    }
}
