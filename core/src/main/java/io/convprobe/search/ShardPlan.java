package io.convprobe.search;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Layer;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import io.convprobe.probe.ProbeSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Cuts a started search into {@link Shard}s: maximal runs of consecutive architectures (in id =
 * search order) whose first {@code depth} conv layers (with the layers that follow each, up to the
 * next conv) are the same. In a space's order such a run is an index range of the space, and a task
 * that probes it in order computes each shared prefix once, as the local sweep does. A spec with no
 * more than {@code depth} convs keys on all but its last conv, so shallow spaces still group.
 *
 * <p>Pending detection reads the store (the truth): a shard is pending while any of its
 * architectures is PENDING or FAILED. {@link #pending()} orders those longest first by the cost
 * model's trial-0 estimate of their pending architectures, so the big tasks start early and the
 * small ones fill the gaps at the end (the classic LPT schedule); ties keep id order.
 */
public final class ShardPlan {
    public static final int DEFAULT_DEPTH = 2;

    /**
     * A nominal cost model for ordering only (relative costs): 20 GMAC/s conv, 50 GMAC/s Gram, 2 ms per
     * solve, about what {@code search --dry-run} calibrates on one core. Absolute times come from a
     * calibrated model ({@code --dry-run}).
     */
    public static final CostModel NOMINAL = new CostModel(1 / 20e9, 1 / 50e9, 2e-3);

    /** One shard's pending architectures, in id order: what a task needs to probe them. */
    public record Pending(long[] ids, List<String> specs) {}

    private final List<Shard> shards;
    private final List<Pending> pending;

    private ShardPlan(List<Shard> shards, List<Pending> pending) {
        this.shards = List.copyOf(shards);
        this.pending = List.copyOf(pending);
    }

    /** The plan for every architecture in {@code store}. */
    public static ShardPlan of(ResultStore store, int depth, Shape input, ProbeSettings settings) {
        List<ResultStore.ArchRow> rows = new ArrayList<>();
        store.forEachArch(rows::add);
        return of(rows, depth, specs -> NOMINAL.estimate(specs, input, settings).seconds());
    }

    /** The plan for {@code rows} (in id order), costing each shard's pending specs with {@code cost}. */
    public static ShardPlan of(List<ResultStore.ArchRow> rows, int depth, ToDoubleFunction<List<ArchSpec>> cost) {
        if (depth < 0) {
            throw new io.convprobe.UserException("--shard-depth must be >= 0, got " + depth);
        }
        List<Shard> shards = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        int i = 0;
        while (i < rows.size()) {
            ResultStore.ArchRow first = rows.get(i);
            String key = prefix(first.parsedSpec(), depth);
            int j = i;
            List<ArchSpec> specs = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            while (j < rows.size()) {
                ResultStore.ArchRow r = rows.get(j);
                ArchSpec spec = j == i ? first.parsedSpec() : r.parsedSpec();
                if (j > i && !prefix(spec, depth).equals(key)) {
                    break;
                }
                if (needsWork(r.status())) {
                    specs.add(spec);
                    texts.add(r.spec());
                    ids.add(r.id());
                }
                j++;
            }
            double c = specs.isEmpty() ? 0 : cost.applyAsDouble(specs);
            shards.add(new Shard(shards.size(), first.id(), rows.get(j - 1).id(), key, j - i, ids.size(), c));
            pending.add(new Pending(ids.stream().mapToLong(Long::longValue).toArray(), texts));
            i = j;
        }
        return new ShardPlan(shards, pending);
    }

    static boolean needsWork(ArchStatus s) {
        return s == ArchStatus.PENDING || s == ArchStatus.FAILED;
    }

    /**
     * The grouping key of a spec: its layers before the conv number {@code min(depth, convs − 1)}
     * (0-based), as spec tokens; empty when that is 0.
     */
    public static String prefix(ArchSpec spec, int depth) {
        long convs = spec.layers().stream().filter(l -> l instanceof Layer.Conv).count();
        long keep = Math.min(depth, Math.max(0, convs - 1));
        List<String> tokens = new ArrayList<>();
        int seen = 0;
        for (Layer l : spec.layers()) {
            if (l instanceof Layer.Conv && seen++ == keep) {
                break;
            }
            tokens.add(SpecFormat.token(l));
        }
        return String.join(" ", tokens);
    }

    /** Every shard, in id order (they cover the candidates without overlap). */
    public List<Shard> all() {
        return shards;
    }

    /** The shards with pending architectures, most expensive first (ties: id order). */
    public List<Shard> pending() {
        return shards.stream().filter(s -> s.pending() > 0)
                .sorted(Comparator.comparingDouble(Shard::cost).reversed().thenComparingInt(Shard::index))
                .toList();
    }

    /** The pending architectures of shard {@code index}. */
    public Pending pendingOf(int index) {
        return pending.get(index);
    }

    /** Pending architectures over all shards. */
    public long pendingArchs() {
        return shards.stream().mapToLong(Shard::pending).sum();
    }
}
