package io.convprobe.search;

import io.convprobe.arch.Shape;
import io.convprobe.probe.ProbeSettings;
import java.util.Map;

/**
 * A search for an engine other than the local one: how to build the prober, the trial policy, and the
 * engine's own settings.
 *
 * @param threads    intra-op threads per task; null: the engine's default (Spark: {@code spark.task.cpus})
 * @param shardDepth conv layers the architectures of one shard share ({@link ShardPlan})
 * @param master     where to run (Spark: {@code local[N]}, {@code spark://…}, {@code yarn}, {@code k8s://…});
 *                   null: the engine's configuration decides (e.g. {@code spark-submit --master})
 * @param conf       engine settings ({@code --spark-conf k=v})
 */
public record SearchJob(ProberRecipe recipe, TrialPolicy policy, Shape input, ProbeSettings settings, Integer threads,
        int shardDepth, String master, Map<String, String> conf) {
    public SearchJob {
        conf = Map.copyOf(conf);
    }
}
