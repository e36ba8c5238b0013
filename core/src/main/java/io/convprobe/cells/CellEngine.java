package io.convprobe.cells;

import io.convprobe.UserException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Where a cell screen scores its networks when not in this JVM ({@code search --preset nb201
 * --engine spark}): found by {@link ServiceLoader} under its {@link #name()}, as
 * {@link io.convprobe.search.SearchEngine} is for chain searches, so core does not depend on any
 * engine. The engine only scores: it hands each network's {@link CellProber.Trial} back to the
 * caller's thread as it completes, and {@link CellSearch} stores it at once (the only writer).
 */
public interface CellEngine {
    String name();

    /**
     * Starts the engine (a Spark context, say) for one screen; {@link CellSearch} starts it only
     * when there is something to score and closes it at the end.
     */
    Session start(Options options, Consumer<String> log);

    /**
     * The engine's own settings.
     *
     * @param threads intra-op threads per task; null: the engine's default (Spark: {@code spark.task.cpus})
     * @param master  where to run (Spark: {@code local[N]}, {@code spark://…}, {@code yarn}, {@code k8s://…});
     *                null: the engine's configuration decides
     * @param conf    engine settings ({@code --spark-conf k=v})
     */
    record Options(Integer threads, String master, Map<String, String> conf) {
        public Options {
            conf = Map.copyOf(conf);
        }
    }

    /** A started engine. */
    interface Session extends AutoCloseable {
        /**
         * Scores trial 0 of each network in {@code specs} ({@code nb201:} texts, distinct) with a
         * prober built from {@code recipe} (one fidelity), calling {@code listener} on this thread
         * for each network as it completes or fails on every attempt. Returns when every network
         * is one or the other ({@code true}), or when the engine stopped early ({@code false}: the
         * networks not reported are neither scored nor failed).
         */
        boolean score(CellRecipe recipe, List<String> specs, Listener listener);

        @Override
        void close();
    }

    /** What the engine reports, on the thread that called {@link Session#score}. */
    interface Listener {
        void scored(String spec, CellProber.Trial trial);

        /** {@code spec} failed on every attempt; {@code error} is the innermost message. */
        void failed(String spec, String error);
    }

    /** The engine called {@code name}, or a one-line error saying how to get it. */
    static CellEngine named(String name) {
        for (CellEngine e : ServiceLoader.load(CellEngine.class)) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        if (name.equals("spark")) {
            throw new UserException("--engine spark: the Spark engine is not on the class path; "
                    + "run through ./convprobe (it builds the spark module on first use) or build it with "
                    + "./mvnw -pl spark -am package");
        }
        throw new UserException("--engine " + name + ": unknown engine (known: local, spark)");
    }
}
