package io.convprobe.cli;

import io.convprobe.UserException;
import io.convprobe.arch.Layer;
import io.convprobe.space.RatioRange;
import io.convprobe.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options that define a search space: a preset or explicit choice lists. Shared by space and search. */
public final class SpaceOptions {
    @Option(names = "--preset", paramLabel = "NAME", description = "A named space: seed (the published one).")
    String preset;

    @Option(names = "--layers", paramLabel = "N|MIN..MAX", description = "Conv layers per network (default 3).")
    String layers;

    @Option(names = "--channels", split = ",", paramLabel = "C", description = "Channel choices (default 32).")
    List<Integer> channels;

    @Option(names = "--kernels", split = ",", paramLabel = "K", description = "Kernel size choices (default 3,5,7,9).")
    List<Integer> kernels;

    @Option(names = "--strides", split = ",", paramLabel = "S", description = "Stride choices (default 1,2,3).")
    List<Integer> strides;

    @Option(names = "--dilations", split = ",", paramLabel = "D", description = "Dilation choices (default 1,2,3).")
    List<Integer> dilations;

    @Option(names = "--paddings", split = ",", paramLabel = "P", description = "Padding choices (default 0).")
    List<Integer> paddings;

    @Option(names = "--activations", split = ",", paramLabel = "A", description = "Activation choices (default relu).")
    List<String> activations;

    @Option(names = "--ratio", defaultValue = "0,1", paramLabel = "MIN,MAX",
            description = "Allowed compression ratio, output/input elements (default ${DEFAULT-VALUE}).")
    String ratio;

    public RatioRange ratioRange() {
        return RatioRange.parse(ratio);
    }

    /** The space: the preset (default seed) with any explicit lists replacing its own. */
    public SearchSpace space() {
        SearchSpace base;
        if (preset == null || preset.equalsIgnoreCase("seed")) {
            base = SearchSpace.seed();
        } else {
            throw new UserException("--preset '" + preset + "': unknown space (known: seed)");
        }
        int minL = base.minLayers();
        int maxL = base.maxLayers();
        if (layers != null) {
            String[] p = layers.split("\\.\\.");
            try {
                minL = Integer.parseInt(p[0].trim());
                maxL = p.length > 1 ? Integer.parseInt(p[1].trim()) : minL;
            } catch (NumberFormatException e) {
                throw new UserException("--layers '" + layers + "': expected N or MIN..MAX");
            }
        }
        List<Layer.Activation> acts = base.activations();
        if (activations != null) {
            acts = new ArrayList<>();
            for (String a : activations) {
                acts.add(Layer.Activation.parse(a));
            }
        }
        return new SearchSpace(minL, maxL, or(channels, base.channels()), or(kernels, base.kernels()),
                or(strides, base.strides()), or(dilations, base.dilations()), or(paddings, base.paddings()), acts);
    }

    private static <T> List<T> or(List<T> given, List<T> dflt) {
        return given == null || given.isEmpty() ? dflt : given;
    }
}
