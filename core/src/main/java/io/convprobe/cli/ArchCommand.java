package io.convprobe.cli;

import io.convprobe.TextTable;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.LayerInfo;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
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
            "(c32k7s2-relu-max2-flat-fc10), JSON/YAML text, or a .json/.yaml file."},
        footer = {"", "MACs are multiply-accumulates per image (conv and linear layers).",
            "Example: convprobe arch ch=32 ks=7,3,5 st=2,1,2 di=1,3,1 --classes 10"})
public final class ArchCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "The architecture (several words are joined).")
    List<String> spec;

    @Option(names = "--input", defaultValue = "3x96x96", paramLabel = "CxHxW", description = "Input shape (default ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--classes", paramLabel = "N", description = "Append flatten + linear to N classes and count it.")
    Integer classes;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--format", paramLabel = "FORM",
            description = "Print the spec itself in this form instead: published, compact, json, yaml, or pytorch "
                    + "(a Python module defining it as torch.nn.Sequential for --input; add --classes N for the head).")
    String format;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        PrintWriter out = cmd.commandLine().getOut();
        ArchSpec arch = SpecFormat.parse(String.join(" ", spec));
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
            out.println(Json.write(toJson(s)));
        } else {
            out.print(table(s));
        }
        out.flush();
        return 0;
    }

    private static String fail(String message) {
        throw new io.convprobe.UserException(message);
    }

    static ObjectNode toJson(ArchSummary s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("spec", SpecFormat.toText(s.spec()));
        o.put("input_shape", s.input().toString());
        o.put("output_shape", s.output().toString());
        o.put("params", s.params());
        o.put("macs", s.macs());
        o.put("ratio", s.ratio());
        o.put("receptive_field", s.receptiveField());
        o.put("features", s.features());
        ArrayNode layers = o.putArray("layers");
        for (LayerInfo l : s.layers()) {
            ObjectNode n = layers.addObject();
            n.put("index", l.index());
            n.put("layer", SpecFormat.toCompact(ArchSpec.of(l.layer())));
            n.put("input_shape", l.input().toString());
            n.put("output_shape", l.output().toString());
            n.put("params", l.params());
            n.put("macs", l.macs());
            n.put("receptive_field", l.receptiveField());
        }
        o.set("layers_spec", SpecFormat.toTree(s.spec()).get("layers"));
        return o;
    }

    static String table(ArchSummary s) {
        TextTable t = new TextTable("#", "layer", "output", "params", "MACs", "RF");
        t.row("", "input", s.input(), "", "", "");
        for (LayerInfo l : s.layers()) {
            t.row(l.index(), SpecFormat.toCompact(ArchSpec.of(l.layer())), l.output(), String.format("%,d", l.params()),
                    String.format("%,d", l.macs()), l.receptiveField());
        }
        return t.render()
                + String.format("params %,d  MACs/image %,d  output %s (%,d features)  ratio %.7f  receptive field %d%n",
                        s.params(), s.macs(), s.output(), s.features(), s.ratio(), s.receptiveField());
    }
}
