package io.convprobe.cli;

import io.convprobe.UserException;
import io.convprobe.search.SearchEngine;
import io.convprobe.search.ShardPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where {@code search} runs: this JVM, or shards (cell networks) on another engine (Spark). */
public final class EngineOptions {
    @Option(names = "--engine", defaultValue = "local", paramLabel = "ENGINE",
            description = "local: probe in this JVM (default); spark: shards of the space as Apache Spark tasks "
                    + "(--preset nb201: one cell network per task), results written here by the driver (docs/scale-out.md).")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "--engine spark: local[N], local[N,RETRIES], "
            + "spark://HOST:PORT, yarn or k8s://URL (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--spark-conf", paramLabel = "K=V", description = "--engine spark: a Spark setting, "
            + "e.g. spark.executor.memory=8g (repeatable).")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--shard-depth", defaultValue = "" + ShardPlan.DEFAULT_DEPTH, paramLabel = "D",
            description = "--engine spark: one task per run of architectures sharing their first D conv layers "
                    + "(default ${DEFAULT-VALUE}).")
    int shardDepth;

    boolean local() {
        return engine.equals("local");
    }

    /** The remote engine, checked before any run directory exists; null for local. */
    SearchEngine remote() {
        if (local() && (master != null || !sparkConf.isEmpty())) {
            throw new UserException("--master and --spark-conf need --engine spark");
        }
        return local() ? null : SearchEngine.named(engine);
    }

    /** The cell screen's engine ({@code --preset nb201}), checked before any run directory exists; null for local. */
    io.convprobe.cells.CellEngine cellEngine() {
        if (local() && (master != null || !sparkConf.isEmpty())) {
            throw new UserException("--master and --spark-conf need --engine spark");
        }
        return local() ? null : io.convprobe.cells.CellEngine.named(engine);
    }

    /** Intra-op threads: {@code --threads}, else the engine's per-task cores or this machine's. */
    int threads(ProbeOptions probe) {
        return local() || probe.threads != null ? probe.threads()
                : Integer.parseInt(sparkConf.getOrDefault("spark.task.cpus", "1"));
    }
}
