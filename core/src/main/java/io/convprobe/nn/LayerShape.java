package io.convprobe.nn;

import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Layer;
import io.convprobe.arch.LayerInfo;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One layer on one input shape: what a layer's forward time depends on (not its weights' values).
 * The timing table has one row per distinct layer shape of a search's candidates.
 *
 * @param input the layer's input, C×H×W (or a vector after flatten)
 * @param layer the layer spec
 */
public record LayerShape(Shape input, Layer layer) {
    /** Stable text key, e.g. {@code 3x96x96 c32k7s2} (the layer in its compact token). */
    public String key() {
        return input + " " + SpecFormat.token(layer);
    }

    /** Parses {@link #key()}. */
    public static LayerShape parse(String key) {
        int sp = key.indexOf(' ');
        Shape in = Shape.parse(key.substring(0, sp));
        Layer l = SpecFormat.parseCompact(key.substring(sp + 1)).layers().get(0);
        return new LayerShape(in, l);
    }

    /** True for a layer that does nothing at evaluation (dropout, identity activation): zero time. */
    public boolean isIdentity() {
        return layer instanceof Layer.Dropout || (layer instanceof Layer.Act a && a.fn() == Layer.Activation.IDENTITY);
    }

    /** The network's layers, in order. */
    public static List<LayerShape> of(ArchSummary summary) {
        List<LayerShape> out = new ArrayList<>();
        for (LayerInfo l : summary.layers()) {
            out.add(new LayerShape(l.input(), l.layer()));
        }
        return out;
    }

    /** The distinct layer shapes of the networks, in first-seen order. */
    public static Set<LayerShape> distinct(Collection<ArchSummary> summaries) {
        Set<LayerShape> out = new LinkedHashSet<>();
        for (ArchSummary s : summaries) {
            out.addAll(of(s));
        }
        return out;
    }
}
