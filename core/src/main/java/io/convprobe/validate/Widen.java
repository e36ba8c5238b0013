package io.convprobe.validate;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Layer;
import java.util.ArrayList;
import java.util.List;

/** A widened copy of an architecture: every conv layer with {@code channels} output channels (the published 128-channel table). */
public final class Widen {
    private Widen() {}

    public static ArchSpec to(ArchSpec spec, int channels) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : spec.layers()) {
            out.add(l instanceof Layer.Conv c
                    ? new Layer.Conv(channels, c.kernel(), c.stride(), c.dilation(), c.padding(), c.bias()) : l);
        }
        return new ArchSpec(out);
    }
}
