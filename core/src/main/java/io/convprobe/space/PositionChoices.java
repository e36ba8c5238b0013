package io.convprobe.space;

import io.convprobe.UserException;
import io.convprobe.arch.Layer;
import java.util.List;

/**
 * The choice lists of one layer position. Options are numbered in
 * {@code itertools.product(channels, kernels, strides, dilations, paddings, activations, norms, pools)}
 * order (the last list varying fastest), so with a single norm and pool choice the numbering is
 * {@link SearchSpace}'s. {@code norms}: false = none, true = batch norm after the conv.
 */
public record PositionChoices(List<Integer> channels, List<Integer> kernels, List<Integer> strides,
        List<Integer> dilations, List<Integer> paddings, List<Layer.Activation> activations, List<Boolean> norms,
        List<PoolChoice> pools) {

    public static final List<String> ATTRIBUTES =
            List.of("channels", "kernels", "strides", "dilations", "paddings", "activations", "norms", "pools");

    public PositionChoices {
        channels = List.copyOf(channels);
        kernels = List.copyOf(kernels);
        strides = List.copyOf(strides);
        dilations = List.copyOf(dilations);
        paddings = List.copyOf(paddings);
        activations = List.copyOf(activations);
        norms = List.copyOf(norms);
        pools = List.copyOf(pools);
        check("channels", channels, 1);
        check("kernels", kernels, 1);
        check("strides", strides, 1);
        check("dilations", dilations, 1);
        check("paddings", paddings, 0);
        distinct("activations", activations);
        distinct("norms", norms);
        distinct("pools", pools);
    }

    /** The lists of a uniform {@link SearchSpace} layer: no norm, no pool. */
    public static PositionChoices of(SearchSpace s) {
        return new PositionChoices(s.channels(), s.kernels(), s.strides(), s.dilations(), s.paddings(),
                s.activations(), List.of(false), List.of(PoolChoice.NONE));
    }

    private static void check(String name, List<Integer> values, int min) {
        for (int v : values) {
            if (v < min) {
                throw new UserException("space " + name + " must be >= " + min + ", got " + v);
            }
        }
        distinct(name, values);
    }

    private static void distinct(String name, List<?> values) {
        if (values.isEmpty()) {
            throw new UserException("space " + name + " must not be empty");
        }
        if (values.stream().distinct().count() != values.size()) {
            throw new UserException("space " + name + " has duplicates: " + values);
        }
    }

    /** Number of options at this position. */
    public int size() {
        return Math.multiplyExact(Math.multiplyExact(channels.size() * kernels.size() * strides.size(),
                dilations.size() * paddings.size() * activations.size()), norms.size() * pools.size());
    }

    /** The sizes of the eight lists, in option-numbering order. */
    public int[] radices() {
        return new int[] {channels.size(), kernels.size(), strides.size(), dilations.size(), paddings.size(),
            activations.size(), norms.size(), pools.size()};
    }

    /** Option {@code o} split into its eight list indices. */
    public int[] digits(int o) {
        return SpaceIndex.digits(o, radices());
    }

    /** The inverse of {@link #digits}. */
    public int option(int[] digits) {
        return SpaceIndex.value(digits, radices());
    }

    public RichChoice choice(int o) {
        int[] d = digits(o);
        return new RichChoice(new LayerChoice(channels.get(d[0]), kernels.get(d[1]), strides.get(d[2]),
                dilations.get(d[3]), paddings.get(d[4]), activations.get(d[5])), norms.get(d[6]), pools.get(d[7]));
    }

    public String describe() {
        return "ch " + csv(channels) + ", k " + csv(kernels) + ", s " + csv(strides) + ", d " + csv(dilations) + ", p "
                + csv(paddings) + ", " + String.join(",", activations.stream().map(Layer.Activation::key).toList())
                + (norms.equals(List.of(false)) ? "" : ", norm " + String.join(",", norms.stream().map(b -> b ? "bn" : "none").toList()))
                + (pools.equals(List.of(PoolChoice.NONE)) ? "" : ", pool " + String.join(",", pools.stream().map(PoolChoice::key).toList()));
    }

    private static String csv(List<?> v) {
        return String.join(",", v.stream().map(String::valueOf).toList());
    }
}
