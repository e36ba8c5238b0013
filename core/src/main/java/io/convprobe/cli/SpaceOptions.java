package io.convprobe.cli;

import io.convprobe.UserException;
import io.convprobe.arch.Layer;
import io.convprobe.space.RatioRange;
import io.convprobe.space.SearchSpace;
import io.convprobe.space.PoolChoice;
import io.convprobe.space.PositionChoices;
import io.convprobe.space.RichSpace;
import io.convprobe.space.SpaceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options that define a search space: a preset or explicit choice lists. Shared by space and search. */
public final class SpaceOptions {
    @Option(names = "--preset", paramLabel = "NAME", description = "A named space: seed (the published one), or nb201 "
            + "(NAS-Bench-201's 15,625 cell networks; search only).")
    String preset;

    @Option(names = "--width", defaultValue = "16", paramLabel = "C", description = "--preset nb201: the skeleton's width C "
            + "(default ${DEFAULT-VALUE}, the benchmark's).")
    int width;

    @Option(names = "--cells", defaultValue = "5", paramLabel = "N", description = "--preset nb201: cells per stage N "
            + "(default ${DEFAULT-VALUE}, the benchmark's).")
    int cells;

    @Option(names = "--unique", description = "--preset nb201: one cell per function (6,466 of 15,625: cells that compute "
            + "the same function, e.g. through a 'none' edge, are screened once).")
    boolean unique;

    /** True for {@code --preset nb201}: a cell space, screened by {@code io.convprobe.cells}. */
    public boolean isNb201() {
        return preset != null && preset.equalsIgnoreCase("nb201");
    }

    /** The NAS-Bench-201 space the flags describe ({@link #isNb201} only). */
    public io.convprobe.space.Nb201Space nb201() {
        if (layers != null || channels != null || kernels != null || strides != null || dilations != null
                || paddings != null || activations != null || isRich()) {
            throw new UserException("--preset nb201 is a cell space: --layers, --channels, --kernels, --strides, "
                    + "--dilations, --paddings, --activations, --pools, --norms and --space-file do not apply");
        }
        return io.convprobe.space.Nb201Space.of(width, cells, unique);
    }

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

    @Option(names = "--pools", split = ",", paramLabel = "P",
            description = "Pooling after each layer's activation: none, max2, avg2, max3s2, ... (default none).")
    List<String> pools;

    @Option(names = "--norms", split = ",", paramLabel = "N",
            description = "Batch norm after each conv: none, bn (default none). The random-weight probe cannot run bn.")
    List<String> norms;

    @Option(names = "--space-file", paramLabel = "FILE",
            description = "A YAML space: layers, default lists and a list per layer position (see README); "
                    + "the other space flags give its defaults.")
    Path spaceFile;

    @Option(names = "--ratio", defaultValue = "0,1", paramLabel = "MIN,MAX",
            description = "Allowed compression ratio, output/input elements (default ${DEFAULT-VALUE}).")
    String ratio;

    public RatioRange ratioRange() {
        return RatioRange.parse(ratio);
    }

    /**
     * The space with everything these options can say: pools, norms and a space file on top of
     * {@link #space()}'s lists. Without those it has the same indices as {@link #space()}.
     */
    public RichSpace richSpace() {
        SearchSpace plain = uniform();
        PositionChoices base = PositionChoices.of(plain);
        base = new PositionChoices(base.channels(), base.kernels(), base.strides(), base.dilations(), base.paddings(),
                base.activations(), norms == null || norms.isEmpty() ? base.norms() : norms.stream().map(SpaceFile::norm).toList(),
                pools == null || pools.isEmpty() ? base.pools() : pools.stream().map(PoolChoice::parse).toList());
        if (spaceFile != null) {
            return SpaceFile.read(spaceFile, base, plain.minLayers(), plain.maxLayers());
        }
        return new RichSpace(plain.minLayers(), plain.maxLayers(), List.of(base));
    }

    /** True when the options need {@link #richSpace()} (pools, norms or a space file). */
    public boolean isRich() {
        return spaceFile != null || (pools != null && !pools.isEmpty()) || (norms != null && !norms.isEmpty());
    }

    /** The space: the preset (default seed) with any explicit lists replacing its own. */
    public SearchSpace space() {
        if (isRich()) {
            throw new io.convprobe.UserException("--pools, --norms and --space-file work with space and search only");
        }
        return uniform();
    }

    private SearchSpace uniform() {
        SearchSpace base;
        if (preset == null || preset.equalsIgnoreCase("seed")) {
            base = SearchSpace.seed();
        } else {
            throw new UserException("--preset '" + preset + "': unknown space (known: seed; nb201 with search)");
        }
        int minL = base.minLayers();
        int maxL = base.maxLayers();
        if (layers != null) {
            int[] r = SpaceFile.parseLayers(layers, "--layers");
            minL = r[0];
            maxL = r[1];
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
