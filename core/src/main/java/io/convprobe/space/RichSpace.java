package io.convprobe.space;

import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Layer;
import io.convprobe.arch.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * A space with a choice list per layer position ({@link PositionChoices}; position i of an L-layer
 * network uses list i, the last list repeating for deeper positions), layer counts
 * {@code minLayers..maxLayers}, and per layer conv → [batch norm] → activation → [pool].
 *
 * <p>Order: {@link SpaceIndex}'s, as {@link SearchSpace}'s — by layer count, then lexicographic
 * with layer 0 most significant, each position in its own option numbering. A {@link SearchSpace} converted with
 * {@link #of(SearchSpace)} has the same indices, specs, validity and samples.
 *
 * <p>Counting never enumerates: validity depends only on the spatial shape after each layer (and
 * the last layer's channels for the ratio), so {@link Counter} counts the valid completions of each
 * (position, height, width) once by dynamic programming over option groups with the same shape
 * effect. The same counts drive uniform sampling (each choice drawn in proportion to its number of
 * valid completions) and a depth-first enumeration of only the valid specs.
 */
public final class RichSpace {
    private final int minLayers;
    private final int maxLayers;
    private final List<PositionChoices> positions;
    private final SpaceIndex index;

    public RichSpace(int minLayers, int maxLayers, List<PositionChoices> positions) {
        if (minLayers < 1 || maxLayers < minLayers) {
            throw new UserException("space layers must be 1 <= min <= max, got " + minLayers + ".." + maxLayers);
        }
        if (positions.isEmpty()) {
            throw new UserException("space needs choice lists for at least one layer position");
        }
        if (positions.size() > maxLayers) {
            throw new UserException("space lists " + positions.size() + " layer positions but has at most " + maxLayers
                    + " layers");
        }
        this.minLayers = minLayers;
        this.maxLayers = maxLayers;
        this.positions = List.copyOf(positions);
        this.index = new SpaceIndex(minLayers, maxLayers, positions.stream().mapToInt(PositionChoices::size).toArray());
        size(); // fails early (ArithmeticException → UserException) when the count overflows a long
    }

    /** The same space, indices and all. */
    public static RichSpace of(SearchSpace s) {
        return new RichSpace(s.minLayers(), s.maxLayers(), List.of(PositionChoices.of(s)));
    }

    public int minLayers() {
        return minLayers;
    }

    public int maxLayers() {
        return maxLayers;
    }

    public List<PositionChoices> positions() {
        return positions;
    }

    /** The lists of layer position {@code p} (0-based). */
    public PositionChoices at(int p) {
        return positions.get(Math.min(p, positions.size() - 1));
    }

    /** True when some position offers batch norm (the random-weight probe cannot run those specs). */
    public boolean hasNorm() {
        return positions.stream().anyMatch(p -> p.norms().contains(true));
    }

    public long sizeOf(int layers) {
        return index.sizeOf(layers);
    }

    public long size() {
        return index.size();
    }

    /** Index of the first spec with {@code layers} layers. */
    public long offset(int layers) {
        return index.offset(layers);
    }

    /** The per-position option indices of spec {@code index}. */
    public int[] optionIndices(long index) {
        return this.index.optionIndices(index);
    }

    /** The inverse of {@link #optionIndices}. */
    public long index(int[] options) {
        return index.index(options);
    }

    public List<RichChoice> choices(long index) {
        int[] o = optionIndices(index);
        List<RichChoice> out = new ArrayList<>(o.length);
        for (int p = 0; p < o.length; p++) {
            out.add(at(p).choice(o[p]));
        }
        return out;
    }

    public ArchSpec spec(long index) {
        List<Layer> layers = new ArrayList<>();
        for (RichChoice c : choices(index)) {
            layers.addAll(c.layers());
        }
        return new ArchSpec(layers);
    }

    /** Validity of spec {@code index} on {@code input} (shape arithmetic only). */
    public Validity validity(long index, Shape input, RatioRange ratio) {
        return validity(optionIndices(index), input, ratio);
    }

    public Validity validity(int[] options, Shape input, RatioRange ratio) {
        int h = input.height();
        int w = input.width();
        int c = input.channels();
        for (int p = 0; p < options.length; p++) {
            RichChoice ch = at(p).choice(options[p]);
            h = ch.out(h);
            w = ch.out(w);
            if (h < 1 || w < 1) {
                return Validity.INVALID_SHAPE;
            }
            c = ch.conv().channels();
        }
        return ratio.contains((double) c * h * w / input.elements()) ? Validity.VALID : Validity.RATIO_OUT_OF_RANGE;
    }

    public Counter counter(Shape input, RatioRange ratio) {
        return new Counter(input, ratio);
    }

    /** Exact counts by dynamic programming (see the class comment); fast for spaces of 10⁹ and more. */
    public SpaceCounts count(Shape input, RatioRange ratio) {
        return counter(input, ratio).counts();
    }

    /** Every valid spec's index, in space order (depth-first over valid completions only). */
    public void forEachValid(Shape input, RatioRange ratio, LongConsumer action) {
        counter(input, ratio).forEachValid(action);
    }

    public long[] validIndices(Shape input, RatioRange ratio) {
        long valid = count(input, ratio).valid();
        if (valid > Integer.MAX_VALUE - 8) {
            throw new UserException("space has " + valid + " valid specs: too many to list");
        }
        long[] out = new long[(int) valid];
        int[] n = {0};
        forEachValid(input, ratio, i -> out[n[0]++] = i);
        return out;
    }

    /**
     * {@code n} distinct valid specs drawn uniformly with a seeded generator, in space order; all of
     * them when there are at most {@code n}. Spaces of at most {@link SearchSpace#ENUMERATE_LIMIT}
     * specs draw exactly as {@link SearchSpace#sample} does (same seed, same sample); larger ones draw
     * each spec by the counts ({@link Counter#draw}), never by rejection of invalid ones.
     */
    public long[] sample(int n, long seed, Shape input, RatioRange ratio) {
        SplittableRandom rng = new SplittableRandom(seed);
        Counter counter = counter(input, ratio);
        long valid = counter.counts().valid();
        if (size() <= SearchSpace.ENUMERATE_LIMIT || n >= valid || valid <= 4L * n) {
            return SpaceIndex.pick(validIndices(input, ratio), n, rng); // as SearchSpace.sample
        }
        TreeSet<Long> picked = new TreeSet<>();
        while (picked.size() < n) {
            picked.add(counter.draw(rng));
        }
        return picked.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * A valid spec that differs from {@code index} in one choice of one layer (or, when the layer
     * range allows, by one layer more or fewer at the end), drawn with {@code rng}; −1 when
     * {@code attempts} draws found none. Regularized evolution's mutation ({@link SpaceMutation}).
     */
    public long mutate(long index, SplittableRandom rng, Shape input, RatioRange ratio, int attempts) {
        return SpaceMutation.mutate(this, index, rng, input, ratio, attempts);
    }

    public String describe() {
        String layers = minLayers == maxLayers ? minLayers + " layers" : minLayers + ".." + maxLayers + " layers";
        if (positions.size() == 1) {
            return layers + " x " + positions.get(0).size() + " options (" + positions.get(0).describe() + ")";
        }
        StringBuilder b = new StringBuilder(layers);
        for (int p = 0; p < positions.size(); p++) {
            b.append(p == 0 ? "; " : " | ").append(p == positions.size() - 1 && p < maxLayers - 1 ? "layer " + p + "+" : "layer " + p)
                    .append(": ").append(positions.get(p).size()).append(" (").append(positions.get(p).describe()).append(')');
        }
        return b.toString();
    }

    /** Options of one position grouped by their effect on shapes: same output size, same channels. */
    private record Group(RichChoice effect, int channels, int[] options) {}

    private static List<Group> groups(PositionChoices pc) {
        Map<List<Integer>, List<Integer>> by = new LinkedHashMap<>();
        Map<List<Integer>, RichChoice> rep = new HashMap<>();
        for (int o = 0; o < pc.size(); o++) {
            RichChoice c = pc.choice(o);
            PoolChoice pool = c.pool();
            List<Integer> key = List.of(c.conv().effectiveKernel(), c.conv().stride(), c.conv().padding(),
                    pool.none() ? 0 : pool.kernel(), pool.none() ? 0 : pool.stride(), c.conv().channels());
            by.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
            rep.putIfAbsent(key, c);
        }
        List<Group> out = new ArrayList<>();
        by.forEach((k, v) -> out.add(new Group(rep.get(k), k.get(5), v.stream().mapToInt(Integer::intValue).toArray())));
        return out;
    }

    /**
     * Counts of valid completions for one input and ratio range, memoised per (layers, position,
     * height, width): {@code [shape-valid, valid]}.
     */
    public final class Counter {
        private final Shape input;
        private final RatioRange ratio;
        private final List<List<Group>> groups = new ArrayList<>();
        private final Map<Long, long[]> memo = new HashMap<>();
        private long[] perLayers; // valid count per layer count

        private Counter(Shape input, RatioRange ratio) {
            this.input = input;
            this.ratio = ratio;
            for (int p = 0; p < Math.min(positions.size(), maxLayers); p++) {
                groups.add(RichSpace.groups(positions.get(p)));
            }
        }

        private List<Group> groupsAt(int p) {
            return groups.get(Math.min(p, groups.size() - 1));
        }

        /** {shape-valid, valid} completions of positions p..layers−1 from an h×w map. */
        private long[] completions(int layers, int p, int h, int w) {
            long key = ((((long) layers * 64 + p) * 65_536) + h) * 65_536 + w;
            long[] hit = memo.get(key);
            if (hit != null) {
                return hit;
            }
            long[] n = new long[2];
            for (Group g : groupsAt(p)) {
                int h2 = g.effect().out(h);
                int w2 = g.effect().out(w);
                if (h2 < 1 || w2 < 1) {
                    continue;
                }
                long m = g.options().length;
                if (p == layers - 1) {
                    n[0] = Math.addExact(n[0], m);
                    if (ratio.contains((double) g.channels() * h2 * w2 / input.elements())) {
                        n[1] = Math.addExact(n[1], m);
                    }
                } else {
                    long[] rest = completions(layers, p + 1, h2, w2);
                    n[0] = Math.addExact(n[0], Math.multiplyExact(m, rest[0]));
                    n[1] = Math.addExact(n[1], Math.multiplyExact(m, rest[1]));
                }
            }
            memo.put(key, n);
            return n;
        }

        public SpaceCounts counts() {
            long shape = 0;
            long valid = 0;
            for (int l = minLayers; l <= maxLayers; l++) {
                long[] n = completions(l, 0, input.height(), input.width());
                shape += n[0];
                valid += n[1];
            }
            return new SpaceCounts(size(), shape, valid);
        }

        /** Valid specs of exactly {@code layers} layers. */
        public long valid(int layers) {
            return completions(layers, 0, input.height(), input.width())[1];
        }

        /** One valid spec drawn uniformly among all valid ones. */
        public long draw(SplittableRandom rng) {
            if (perLayers == null) {
                perLayers = new long[maxLayers + 1];
                for (int l = minLayers; l <= maxLayers; l++) {
                    perLayers[l] = valid(l);
                }
            }
            long total = Arrays.stream(perLayers).sum();
            if (total == 0) {
                throw new UserException("space has no valid specs for input " + input);
            }
            long r = rng.nextLong(total);
            int layers = minLayers;
            while (r >= perLayers[layers]) {
                r -= perLayers[layers++];
            }
            int[] opts = new int[layers];
            int h = input.height();
            int w = input.width();
            for (int p = 0; p < layers; p++) {
                long sum = completionsFrom(layers, p, h, w);
                long pick = rng.nextLong(sum);
                Group chosen = null;
                for (Group g : groupsAt(p)) {
                    long c = weight(layers, p, g, h, w);
                    if (pick < c) {
                        chosen = g;
                        break;
                    }
                    pick -= c;
                }
                opts[p] = chosen.options()[rng.nextInt(chosen.options().length)];
                h = chosen.effect().out(h);
                w = chosen.effect().out(w);
            }
            return index(opts);
        }

        private long completionsFrom(int layers, int p, int h, int w) {
            return completions(layers, p, h, w)[1];
        }

        /** Valid completions that take group {@code g} at position {@code p} from an h×w map. */
        private long weight(int layers, int p, Group g, int h, int w) {
            int h2 = g.effect().out(h);
            int w2 = g.effect().out(w);
            if (h2 < 1 || w2 < 1) {
                return 0;
            }
            long m = g.options().length;
            if (p == layers - 1) {
                return ratio.contains((double) g.channels() * h2 * w2 / input.elements()) ? m : 0;
            }
            return m * completions(layers, p + 1, h2, w2)[1];
        }

        /** Calls {@code action} with every valid index in space order, visiting only valid branches. */
        public void forEachValid(LongConsumer action) {
            for (int l = minLayers; l <= maxLayers; l++) {
                if (valid(l) > 0) {
                    walk(l, 0, input.height(), input.width(), new int[l], action);
                }
            }
        }

        private void walk(int layers, int p, int h, int w, int[] opts, LongConsumer action) {
            PositionChoices pc = at(p);
            for (int o = 0; o < pc.size(); o++) {
                RichChoice c = pc.choice(o);
                int h2 = c.out(h);
                int w2 = c.out(w);
                if (h2 < 1 || w2 < 1) {
                    continue;
                }
                opts[p] = o;
                if (p == layers - 1) {
                    if (ratio.contains((double) c.conv().channels() * h2 * w2 / input.elements())) {
                        action.accept(index(opts));
                    }
                } else if (completions(layers, p + 1, h2, w2)[1] > 0) {
                    walk(layers, p + 1, h2, w2, opts, action);
                }
            }
        }
    }
}
