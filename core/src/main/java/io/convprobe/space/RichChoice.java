package io.convprobe.space;

import io.convprobe.arch.Layer;
import java.util.List;

/**
 * One layer position's pick in a {@link RichSpace}: conv → [batch norm] → activation → [pool].
 * Without norm and pool it is exactly a {@link LayerChoice}.
 */
public record RichChoice(LayerChoice conv, boolean norm, PoolChoice pool) {
    /** The spec layers this choice adds, in order. */
    public List<Layer> layers() {
        java.util.ArrayList<Layer> out = new java.util.ArrayList<>(4);
        out.add(conv.conv());
        if (norm) {
            out.add(new Layer.BatchNorm());
        }
        out.add(new Layer.Act(conv.activation()));
        if (!pool.none()) {
            out.add(pool.layer());
        }
        return out;
    }

    /** Spatial size after this layer (conv then pool) along one axis; below 1 when it does not fit. */
    public int out(int in) {
        int c = io.convprobe.arch.ShapeInference.outSize(in, conv.effectiveKernel(), conv.stride(), conv.padding());
        return c < 1 ? 0 : pool.out(c);
    }
}
