package io.convprobe.space;

import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Layer;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * A space of conv → activation stacks: a range of layer counts and, per layer, choice lists for
 * channels, kernel, stride, dilation, padding and activation.
 *
 * <p>Order (stable, documented): by layer count ascending; within a count, lexicographic with
 * layer 0 most significant (so specs sharing a prefix are adjacent — the order a depth-first
 * prefix sweep walks); within a layer, {@code itertools.product(channels, kernels, strides,
 * dilations, paddings, activations)} order, the last list varying fastest ({@link SpaceIndex}, shared
 * with {@link RichSpace}, which also enumerates the valid specs for both). For the seed space
 * index 0 is {@code ks=3,3,3 st=1,1,1 di=1,1,1} and index 1 is {@code di=1,1,2}.
 */
public record SearchSpace(int minLayers, int maxLayers, List<Integer> channels, List<Integer> kernels,
        List<Integer> strides, List<Integer> dilations, List<Integer> paddings, List<Layer.Activation> activations) {

    public SearchSpace {
        channels = List.copyOf(channels);
        kernels = List.copyOf(kernels);
        strides = List.copyOf(strides);
        dilations = List.copyOf(dilations);
        paddings = List.copyOf(paddings);
        activations = List.copyOf(activations);
        if (minLayers < 1 || maxLayers < minLayers) {
            throw new UserException("space layers must be 1 <= min <= max, got " + minLayers + ".." + maxLayers);
        }
        checkList("channels", channels, 1);
        checkList("kernels", kernels, 1);
        checkList("strides", strides, 1);
        checkList("dilations", dilations, 1);
        checkList("paddings", paddings, 0);
        if (activations.isEmpty()) {
            throw new UserException("space activations must not be empty");
        }
    }

    private static void checkList(String name, List<Integer> values, int min) {
        if (values.isEmpty()) {
            throw new UserException("space " + name + " must not be empty");
        }
        for (int v : values) {
            if (v < min) {
                throw new UserException("space " + name + " must be >= " + min + ", got " + v);
            }
        }
        if (values.stream().distinct().count() != values.size()) {
            throw new UserException("space " + name + " has duplicates: " + values);
        }
    }

    /** The published space: 3 layers of 32 channels, kernel {3,5,7,9}, stride {1,2,3}, dilation {1,2,3}, ReLU, no padding. */
    public static SearchSpace seed() {
        return new SearchSpace(3, 3, List.of(32), List.of(3, 5, 7, 9), List.of(1, 2, 3), List.of(1, 2, 3),
                List.of(0), List.of(Layer.Activation.RELU));
    }

    /** Choices per layer. */
    public int optionsPerLayer() {
        return channels.size() * kernels.size() * strides.size() * dilations.size() * paddings.size()
                * activations.size();
    }

    /** The index arithmetic ({@link SpaceIndex}): every layer offers the same {@link #optionsPerLayer()}. */
    private SpaceIndex index() {
        return new SpaceIndex(minLayers, maxLayers, new int[] {optionsPerLayer()});
    }

    /** The sizes of the per-layer lists, in option-numbering order. */
    private int[] listSizes() {
        return new int[] {channels.size(), kernels.size(), strides.size(), dilations.size(), paddings.size(),
            activations.size()};
    }

    /** Number of specs of exactly {@code layers} layers. */
    public long sizeOf(int layers) {
        return index().sizeOf(layers);
    }

    public long size() {
        return index().size();
    }

    /** The choice with per-layer index {@code o} (0 ≤ o < optionsPerLayer). */
    public LayerChoice option(int o) {
        int[] d = SpaceIndex.digits(o, listSizes());
        return new LayerChoice(channels.get(d[0]), kernels.get(d[1]), strides.get(d[2]), dilations.get(d[3]),
                paddings.get(d[4]), activations.get(d[5]));
    }

    /** The per-layer option indices of spec {@code index}. */
    public int[] optionIndices(long index) {
        return index().optionIndices(index);
    }

    public List<LayerChoice> choices(long index) {
        List<LayerChoice> out = new ArrayList<>();
        for (int o : optionIndices(index)) {
            out.add(option(o));
        }
        return out;
    }

    public ArchSpec spec(long index) {
        return toSpec(choices(index));
    }

    public static ArchSpec toSpec(List<LayerChoice> choices) {
        List<Layer> layers = new ArrayList<>();
        for (LayerChoice c : choices) {
            layers.add(c.conv());
            layers.add(new Layer.Act(c.activation()));
        }
        return new ArchSpec(layers);
    }

    /** Validity of spec {@code index} on {@code input}, without building layer objects (fast path). */
    public Validity validity(long index, Shape input, RatioRange ratio) {
        int[] opts = optionIndices(index);
        int h = input.height();
        int w = input.width();
        int c = input.channels();
        for (int o : opts) {
            LayerChoice ch = option(o);
            h = ShapeInference.outSize(h, ch.effectiveKernel(), ch.stride(), ch.padding());
            w = ShapeInference.outSize(w, ch.effectiveKernel(), ch.stride(), ch.padding());
            if (h < 1 || w < 1) {
                return Validity.INVALID_SHAPE;
            }
            c = ch.channels();
        }
        double r = (double) c * h * w / input.elements();
        return ratio.contains(r) ? Validity.VALID : Validity.RATIO_OUT_OF_RANGE;
    }

    /** Exact counts without enumerating (dynamic programming over shapes, see {@link RichSpace}). */
    public SpaceCounts count(Shape input, RatioRange ratio) {
        return rich().count(input, ratio);
    }

    /** The same space as a {@link RichSpace}: same indices, specs, validity and samples. */
    public RichSpace rich() {
        return RichSpace.of(this);
    }

    /** Calls {@code action} with the index of every valid spec, in space order (walking only valid branches). */
    public void forEachValid(Shape input, RatioRange ratio, LongConsumer action) {
        rich().forEachValid(input, ratio, action);
    }

    public long[] validIndices(Shape input, RatioRange ratio) {
        return rich().validIndices(input, ratio);
    }

    /** Largest space we enumerate to sample from; larger ones are sampled by rejection. */
    static final long ENUMERATE_LIMIT = 5_000_000L;

    /**
     * {@code n} distinct valid specs drawn uniformly with a seeded generator, returned in space
     * order. The same (space, input, ratio, n, seed) always gives the same sample. If the space has
     * at most {@code n} valid specs, all of them.
     */
    public long[] sample(int n, long seed, Shape input, RatioRange ratio) {
        SplittableRandom rng = new SplittableRandom(seed);
        long total = size();
        if (total <= ENUMERATE_LIMIT) {
            return SpaceIndex.pick(validIndices(input, ratio), n, rng);
        }
        java.util.TreeSet<Long> picked = new java.util.TreeSet<>();
        long attempts = 0;
        long maxAttempts = Math.max(1_000_000L, 1000L * n);
        while (picked.size() < n) {
            if (++attempts > maxAttempts) {
                throw new UserException("could not sample " + n + " valid specs in " + maxAttempts
                        + " draws: too few valid specs in this space for input " + input);
            }
            long i = rng.nextLong(total);
            if (validity(i, input, ratio) == Validity.VALID) {
                picked.add(i);
            }
        }
        return picked.stream().mapToLong(Long::longValue).toArray();
    }

    /** A short human description, e.g. {@code 3 layers x 36 options (ch 32, k 3,5,7,9, s 1,2,3, d 1,2,3, relu, p 0)}. */
    public String describe() {
        String layers = minLayers == maxLayers ? minLayers + " layers" : minLayers + ".." + maxLayers + " layers";
        return layers + " x " + optionsPerLayer() + " options (ch " + csv(channels) + ", k " + csv(kernels) + ", s "
                + csv(strides) + ", d " + csv(dilations) + ", p " + csv(paddings) + ", "
                + String.join(",", activations.stream().map(Layer.Activation::key).toList()) + ")";
    }

    private static String csv(List<Integer> v) {
        return String.join(",", v.stream().map(String::valueOf).toList());
    }
}
