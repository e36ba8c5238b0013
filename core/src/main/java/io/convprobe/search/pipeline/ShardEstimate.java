package io.convprobe.search.pipeline;

import io.convprobe.search.Candidates;
import io.convprobe.search.Progress;
import io.convprobe.search.ResultStore;
import io.convprobe.search.ScreenEstimate;
import io.convprobe.search.Shard;
import io.convprobe.search.ShardPlan;
import io.convprobe.arch.SpecFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code search --dry-run --engine spark}: the shard plan of the candidates with each shard's
 * trial-0 cost from the screen's estimate ({@link ScreenEstimate#shardCoreSeconds}: the cost model
 * and the proxies, as the dry-run prices the whole search), and the cluster wall time it implies. Cluster cores
 * are assumed as fast as this machine's and the work to scale linearly in threads, so one shard costs
 * {@code seconds × threads} core-seconds here; with one task per core (spark.task.cpus=1) on N
 * executors of C cores, longest first, the wall time is about max(total / (N·C), longest shard).
 */
final class ShardEstimate {
    static final int CLUSTER_CORES = 16;

    private ShardEstimate() {}

    static void print(PrintWriter out, Candidates candidates, int depth, ScreenEstimate estimate, int threads) {
        List<ResultStore.ArchRow> rows = new ArrayList<>();
        long[] id = {0};
        candidates.forEach(c -> rows.add(new ResultStore.ArchRow(id[0]++, c.spaceIndex(), SpecFormat.toText(c.spec()),
                c.status(), Double.NaN, -1, -1, -1)));
        ShardPlan plan = ShardPlan.of(rows, depth, specs -> estimate.shardCoreSeconds(specs, threads));
        List<Shard> work = plan.pending(); // longest first
        if (work.isEmpty()) {
            out.printf(Locale.ROOT, "shards            %,d (shard depth %d), none with work%n", plan.all().size(), depth);
            return;
        }
        double total = work.stream().mapToDouble(Shard::cost).sum();
        double longest = work.get(0).cost();
        double median = work.get(work.size() / 2).cost();
        int most = work.stream().mapToInt(Shard::pending).max().orElse(0);
        out.printf(Locale.ROOT, "shards            %,d (shard depth %d), %,d with work, up to %,d architectures each%n",
                plan.all().size(), depth, work.size(), most);
        out.printf(Locale.ROOT, "shard, trial 0    median %s, longest %s (one core); all shards %.1f core-hours%n",
                Progress.duration(median), Progress.duration(longest), total / 3600);
        for (int n : new int[] {10, 100}) {
            double wall = Math.max(total / (n * CLUSTER_CORES), longest);
            out.printf(Locale.ROOT, "cluster, trial 0  %d executors x %d cores, one task per core: about %s "
                    + "(max(total / cores, longest shard))%n", n, CLUSTER_CORES, Progress.duration(wall));
        }
    }
}
