package io.convprobe.cli;

import io.convprobe.TextTable;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import io.convprobe.zoo.Zoo;
import io.convprobe.zoo.ZooModel;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convprobe zoo}: the named models with their parameter counts for an input shape. */
@Command(name = "zoo", mixinStandardHelpOptions = true,
        description = {"List the named models (use them as MODEL in 'convprobe train'): name, parameters for",
            "the given input and class count, description. Part C's models adapt to the input; the screen",
            "picks (rcnn-k<kernels>-s<strides>-d<dilations>-c<channels>) are part A/B's networks + a linear head."})
public final class ZooCommand implements Callable<Integer> {
    @Option(names = "--input", defaultValue = "3x96x96", paramLabel = "CxHxW", description = "Input shape (default ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--classes", defaultValue = "10", paramLabel = "N", description = "Classes (default ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--json", description = "Print a JSON array (with each model's spec).")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        if (classes < 1) {
            throw new UserException("--classes must be at least 1, got " + classes);
        }
        Shape in = Shape.parse(input);
        if (!in.isImage()) {
            throw new UserException("--input '" + input + "': expected CxHxW such as 3x96x96");
        }
        PrintWriter out = cmd.commandLine().getOut();
        ArrayNode arr = Json.MAPPER.createArrayNode();
        TextTable t = new TextTable("name", "params", "description");
        for (ZooModel m : Zoo.all()) {
            ArchSpec spec = m.spec(in, classes);
            Long params = ShapeInference.fits(spec, in) ? ShapeInference.infer(spec, in).params() : null;
            ObjectNode o = arr.addObject();
            o.put("name", m.name());
            o.put("family", m.family());
            o.put("input_shape", in.toString());
            if (params == null) {
                o.putNull("params");
            } else {
                o.put("params", params);
            }
            o.put("description", m.description());
            o.put("spec", SpecFormat.toCompact(spec));
            t.row(m.name(), params == null ? "does not fit" : String.format("%,d", params), m.description());
        }
        if (json) {
            out.println(Json.write(arr));
        } else {
            out.printf("input %s, %d classes%n", in, classes);
            out.print(t.render());
        }
        out.flush();
        return 0;
    }
}
