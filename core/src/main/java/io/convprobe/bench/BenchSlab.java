package io.convprobe.bench;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.space.LayerChoice;
import io.convprobe.space.RatioRange;
import io.convprobe.space.SearchSpace;
import io.convprobe.zoo.Zoo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The search benchmark's fixed workload: a slab of the seed space that shares prefixes the way the
 * whole space does — first layer k7 s2 d1 or k9 s3 d1, second layer k3 or k5 at stride 1 with
 * dilation 1, 2 or 3, third layer any of the 36 options — keeping the valid ones on 3x96x96, in
 * space order, followed by the ten published picks not already in it.
 */
public final class BenchSlab {
    public static final Shape INPUT = Shape.chw(3, 96, 96);

    private BenchSlab() {}

    public static List<ArchSpec> specs() {
        SearchSpace seed = SearchSpace.seed();
        Set<ArchSpec> out = new LinkedHashSet<>();
        for (long i : seed.validIndices(INPUT, RatioRange.DEFAULT)) {
            List<LayerChoice> c = seed.choices(i);
            if (inSlab(c)) {
                out.add(seed.spec(i));
            }
        }
        out.addAll(Zoo.publishedPicks(32));
        return new ArrayList<>(out);
    }

    static boolean inSlab(List<LayerChoice> c) {
        LayerChoice a = c.get(0);
        LayerChoice b = c.get(1);
        boolean first = (a.kernel() == 7 && a.stride() == 2 && a.dilation() == 1)
                || (a.kernel() == 9 && a.stride() == 3 && a.dilation() == 1);
        boolean second = (b.kernel() == 3 || b.kernel() == 5) && b.stride() == 1;
        return first && second;
    }
}
