package io.convprobe.spark;

import io.convprobe.cli.Main;
import java.util.ArrayList;
import java.util.List;

/**
 * The job jar's main class for {@code spark-submit}: runs {@code convprobe search ...} with
 * {@code --engine spark} (added when missing) in the submitting JVM, which becomes the driver and
 * the only writer of the run directory (use client deploy mode, so the run directory is where you
 * are). The master and settings come from spark-submit unless {@code --master}/{@code --spark-conf}
 * override them.
 *
 * <pre>spark-submit --class io.convprobe.spark.SparkSearch convprobe-spark.jar search --layers 4 --run runs/big</pre>
 */
public final class SparkSearch {
    private SparkSearch() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        List<String> a = new ArrayList<>(List.of(args));
        if (a.isEmpty() || !a.get(0).equals("search")) {
            System.err.println("usage: spark-submit --class " + SparkSearch.class.getName()
                    + " convprobe-spark.jar search [search options]   (see convprobe search --help)");
            return Main.EXIT_USAGE;
        }
        if (a.stream().noneMatch(s -> s.equals("--engine") || s.startsWith("--engine="))) {
            a.add("--engine");
            a.add("spark");
        }
        return Main.commandLine().execute(a.toArray(String[]::new));
    }
}
