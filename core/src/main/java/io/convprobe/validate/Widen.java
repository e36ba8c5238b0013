package io.convprobe.validate;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Layer;
import io.convprobe.arch.Nb201Spec;
import io.convprobe.arch.SpecFormat;
import java.util.ArrayList;
import java.util.List;

/** A widened copy of an architecture: every conv layer with {@code channels} output channels (the published 128-channel table), or a cell network at width {@code channels}. */
public final class Widen {
    private Widen() {}

    /**
     * The model text a study trains: {@code spec} itself, or widened to {@code channels} (a chain:
     * every conv; an {@code nb201:} cell network: its width C, the stem's channels).
     */
    public static String model(String spec, Integer channels) {
        if (channels == null) {
            return spec;
        }
        if (SpecFormat.isNb201(spec)) {
            Nb201Spec s = SpecFormat.parseNb201(spec);
            return SpecFormat.toNb201(new Nb201Spec(s.ops(), channels, s.n()));
        }
        return SpecFormat.toCompact(to(SpecFormat.parse(spec), channels));
    }

    public static ArchSpec to(ArchSpec spec, int channels) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : spec.layers()) {
            out.add(l instanceof Layer.Conv c
                    ? new Layer.Conv(channels, c.kernel(), c.stride(), c.dilation(), c.padding(), c.bias()) : l);
        }
        return new ArchSpec(out);
    }
}
