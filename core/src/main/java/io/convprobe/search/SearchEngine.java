package io.convprobe.search;

import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * A way to run a started search somewhere other than this JVM's own loop ({@link SearchRun}): found
 * by {@link ServiceLoader} under its {@link #name()}, so core does not depend on any engine. The
 * Spark engine lives in the {@code spark} module ({@code convprobe search --engine spark}).
 * An engine runs every pending trial and writes them into the given store (it is the only writer);
 * re-running on the same store continues where it stopped.
 */
public interface SearchEngine {
    String name();

    /** Runs the remaining trials of {@code store}'s search; returns the final counts. */
    SearchCounts run(SearchJob job, ResultStore store, Progress progress, Consumer<String> log);

    /**
     * The engine called {@code name}, or a one-line error saying how to get it.
     */
    static SearchEngine named(String name) {
        for (SearchEngine e : ServiceLoader.load(SearchEngine.class)) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        if (name.equals("spark")) {
            throw new io.convprobe.UserException("--engine spark: the Spark engine is not on the class path; "
                    + "run through ./convprobe (it builds the spark module on first use) or build it with "
                    + "./mvnw -pl spark -am package");
        }
        throw new io.convprobe.UserException("--engine " + name + ": unknown engine (known: local, spark)");
    }
}
