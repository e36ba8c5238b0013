package io.convprobe.arch;

import java.util.ArrayList;
import java.util.List;

/** An architecture: an ordered, immutable list of layers. */
public record ArchSpec(List<Layer> layers) {
    public ArchSpec {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new SpecException("a spec needs at least one layer");
        }
    }

    public static ArchSpec of(Layer... layers) {
        return new ArchSpec(List.of(layers));
    }

    /**
     * The published screen's network: per layer {@code Conv2d(no padding)} then ReLU.
     * Arrays give per-layer channels, kernels, strides and dilations.
     */
    public static ArchSpec convRelu(int[] channels, int[] kernels, int[] strides, int[] dilations) {
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < kernels.length; i++) {
            out.add(Layer.Conv.of(channels[i], kernels[i], strides[i], dilations[i]));
            out.add(new Layer.Act(Layer.Activation.RELU));
        }
        return new ArchSpec(out);
    }

    /** The conv layers, in order. */
    public List<Layer.Conv> convs() {
        return layers.stream().filter(l -> l instanceof Layer.Conv).map(l -> (Layer.Conv) l).toList();
    }

    /** True when the spec already ends in a classifier (a linear layer). */
    public boolean hasHead() {
        return layers.get(layers.size() - 1) instanceof Layer.Linear;
    }

    /** This spec followed by flatten (if still an image) and linear to {@code classes}. */
    public ArchSpec withHead(int classes) {
        List<Layer> out = new ArrayList<>(layers);
        boolean flat = layers.stream().anyMatch(l -> l instanceof Layer.Flatten || l instanceof Layer.Linear);
        if (!flat) {
            out.add(new Layer.Flatten());
        }
        out.add(new Layer.Linear(classes, true));
        return new ArchSpec(out);
    }

    /** The first {@code n} layers. */
    public ArchSpec prefix(int n) {
        return new ArchSpec(layers.subList(0, n));
    }

    @Override
    public String toString() {
        return SpecFormat.toText(this);
    }
}
