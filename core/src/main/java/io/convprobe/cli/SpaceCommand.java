package io.convprobe.cli;

import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import io.convprobe.space.RatioRange;
import io.convprobe.space.RichSpace;
import io.convprobe.space.SpaceCounts;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convprobe space}: count, list or sample a search space for an input shape. */
@Command(name = "space", mixinStandardHelpOptions = true,
        description = {"Count, list or sample the architectures of a search space for an input shape.",
            "Without space flags: the published seed space (3 conv+ReLU layers, 32 channels, kernel 3,5,7,9,",
            "stride 1,2,3, dilation 1,2,3, no padding)."},
        footer = {"", "Examples:", "  convprobe space --input 3x96x96            # 46,656 total, 36,369 shape-valid, 32,021 valid",
            "  convprobe space --input 1x28x28 --sample 5 --seed 1 --list"})
public final class SpaceCommand implements Callable<Integer> {
    @Mixin SpaceOptions spaceOptions;

    @Option(names = "--input", defaultValue = "3x96x96", paramLabel = "CxHxW", description = "Input shape (default ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--list", description = "Print one valid spec per line (published notation where it applies).")
    boolean list;

    @Option(names = "--sample", paramLabel = "N", description = "Take N distinct valid specs at random (with --seed).")
    Integer sample;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Sampling seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print counts as JSON: {\"total\", \"shape_valid\", \"valid\"}.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        PrintWriter out = cmd.commandLine().getOut();
        if (spaceOptions.isNb201()) {
            return cells(out);
        }
        RichSpace space = spaceOptions.richSpace();
        Shape in = Shape.parse(input);
        RatioRange ratio = spaceOptions.ratioRange();
        if (sample != null && sample < 1) {
            throw new io.convprobe.UserException("--sample must be at least 1, got " + sample);
        }
        if (list) {
            if (sample != null) {
                for (long i : space.sample(sample, seed, in, ratio)) {
                    out.println(SpecFormat.toText(space.spec(i)));
                }
            } else {
                space.forEachValid(in, ratio, i -> out.println(SpecFormat.toText(space.spec(i))));
            }
            out.flush();
            return 0;
        }
        RichSpace.Counter counter = space.counter(in, ratio);
        SpaceCounts c = counter.counts();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("total", c.total());
            m.put("shape_valid", c.shapeValid());
            m.put("valid", c.valid());
            if (space.minLayers() < space.maxLayers()) {
                Map<String, Object> by = new LinkedHashMap<>();
                for (int l = space.minLayers(); l <= space.maxLayers(); l++) {
                    by.put(Integer.toString(l), counter.valid(l));
                }
                m.put("valid_by_layers", by);
            }
            if (sample != null) {
                m.put("sample", Math.min(sample, c.valid()));
            }
            out.println(Json.write(m));
        } else {
            out.printf("space        %s%n", space.describe());
            out.printf("input        %s, ratio in [%s]%n", in, ratio);
            out.printf("total        %,d%n", c.total());
            out.printf("shape-valid  %,d  (every layer fits its input)%n", c.shapeValid());
            out.printf("valid        %,d  (and output/input elements within the ratio range)%n", c.valid());
            if (sample != null) {
                out.printf("sample       %,d  (seed %d; --list prints them)%n", Math.min(sample, c.valid()), seed);
            }
        }
        out.flush();
        return 0;
    }

    /** {@code --preset nb201}: the cell space's count, or its cells ({@code nb201:} specs). */
    private int cells(PrintWriter out) {
        io.convprobe.space.Nb201Space space = spaceOptions.nb201();
        if (sample != null && sample < 1) {
            throw new io.convprobe.UserException("--sample must be at least 1, got " + sample);
        }
        if (list) {
            for (io.convprobe.arch.Nb201Spec s : sample != null ? space.sample(sample, seed) : space.all()) {
                out.println(SpecFormat.toNb201(s));
            }
        } else if (json) {
            out.println("{\"total\": " + space.size() + ", \"valid\": " + space.size() + "}");
        } else {
            out.printf(Locale.ROOT, "%,d cells%s (NAS-Bench-201, C%d N%d)%n", space.size(),
                    space.unique() ? " computing different functions" : "", space.c(), space.n());
        }
        out.flush();
        return 0;
    }
}
