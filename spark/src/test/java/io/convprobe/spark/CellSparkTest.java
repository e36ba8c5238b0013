package io.convprobe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code search --preset nb201 --engine spark} on a local master in this JVM against the same cell
 * screen in this JVM's own loop, on tiny cells (C 4, N 1) and the embedded Fashion-MNIST sample:
 * the same stored scores bit for bit (the same code on the same CPU, one thread per probe on both
 * sides), nothing new on a re-run, a network failed on every attempt left unstored and retried by
 * the next run. One SparkContext serves every test ({@code spark.convprobe.keepContext}).
 */
class CellSparkTest {
    static final Path ROOT = Path.of("target", "spark-test-runs", "cells");
    static final String[] SCREEN = {"search", "--preset", "nb201", "--width", "4", "--cells", "1", "--sample", "4",
        "--train-size", "40", "--test-size", "40", "--proxies", "ridge,naswot,synflow,params",
        "--rank-by", "naswot+synflow", "--threads", "1"};

    static Map<String, Double> reference;

    @BeforeAll
    static void localReference() throws IOException {
        SparkSearchTest.deleteTree(ROOT);
        Files.createDirectories(ROOT);
        Path local = ROOT.resolve("local");
        Run r = run(SparkSearchTest.concat(SCREEN, "--run", local.toString()));
        assertThat(r.code).as(r.all()).isZero();
        assertThat(r.out).contains("scored 4 networks");
        reference = scores(local);
        assertThat(reference).hasSize(4 * 4); // 4 networks × 4 scores, full fidelity only
    }

    @AfterAll
    static void stopSpark() {
        SparkSearchTest.stopSpark();
    }

    static String[] spark(Path run, String... extra) {
        return SparkSearchTest.concat(SparkSearchTest.concat(SCREEN, "--run", run.toString(), "--engine", "spark",
                "--master", "local[2,2]", "--spark-conf", "spark.local.dir=" + ROOT.resolve("spark-local").toAbsolutePath(),
                "--spark-conf", SparkCellEngine.KEEP_CONTEXT + "=true"), extra);
    }

    @Test
    void sparkStoresExactlyTheLocalScoresAndAReRunScoresNothingNew() {
        Path run = ROOT.resolve("spark");
        int before = ExecutorProbers.built();
        Run r = run(spark(run));
        assertThat(r.code).as(r.all()).isZero();
        assertThat(r.out).contains("scored 4 networks").contains("(0 more from the store)");
        assertThat(r.err).contains("spark: 4 networks at 40 images, one task each").contains("spark: 4 networks scored, 0 failed");
        assertThat(scores(run)).isEqualTo(reference); // bit for bit (Double.equals)
        // at most one prober per task slot, not one per network (none when an earlier test built this recipe's)
        assertThat(ExecutorProbers.built() - before).as("probers built").isLessThanOrEqualTo(2);

        Run again = run(spark(run));
        assertThat(again.code).as(again.all()).isZero();
        assertThat(again.out).contains("scored 0 networks").contains("(4 more from the store)");
        assertThat(again.err).doesNotContain("spark: master"); // nothing to score: Spark is not even started
        assertThat(scores(run)).isEqualTo(reference);
    }

    @Test
    void aNetworkFailedOnEveryAttemptIsLoggedLeftUnstoredAndRetriedByTheNextRun() {
        Path run = ROOT.resolve("failed");
        Run r = run(spark(run, "--spark-conf", SparkCellEngine.FAIL_FIRST + "=0",
                "--spark-conf", SparkCellEngine.FAIL_NETWORKS + "=1"));
        assertThat(r.code).as(r.all()).isEqualTo(1);
        assertThat(r.err).contains("failed on every attempt (2): test hook: attempt 1 of network 1 fails")
                .contains("spark: 3 networks scored, 1 failed");
        assertThat(r.out).contains("scored 3 networks").contains("failed 1 networks on every attempt");
        Map<String, Double> partial = scores(run);
        assertThat(partial).hasSize(3 * 4); // network 0 failed once and was retried; network 1 is not stored
        assertThat(reference).containsAllEntriesOf(partial);

        Run retry = run(spark(run));
        assertThat(retry.code).as(retry.all()).isZero();
        assertThat(retry.out).contains("scored 1 networks").contains("(3 more from the store)");
        assertThat(scores(run)).isEqualTo(reference);
    }

    @Test
    void aStoppedScreenKeepsWhatItScoredAndTheLocalEngineFinishesIt() {
        Path run = ROOT.resolve("stopped");
        Run r = run(spark(run, "--spark-conf", SparkCellEngine.STOP_AFTER + "=1"));
        assertThat(r.code).as(r.all()).isZero();
        assertThat(r.err).contains("spark: stopping after");
        Map<String, Double> partial = scores(run);
        assertThat(partial.size()).isBetween(4, 3 * 4);
        assertThat(reference).containsAllEntriesOf(partial);
        // the engine is not part of the configuration: the same screen resumes in this JVM
        Run local = run(SparkSearchTest.concat(SCREEN, "--run", run.toString()));
        assertThat(local.code).as(local.all()).isZero();
        assertThat(scores(run)).isEqualTo(reference);
    }

    @Test
    void halvingSendsEachRungToTheEngineAndStoresWhatTheLocalScreenStores() {
        String[] halving = {"search", "--preset", "nb201", "--width", "4", "--cells", "1", "--strategy", "halving",
            "--budget", "4", "--eta", "2", "--min-images", "20", "--train-size", "40", "--test-size", "40",
            "--proxies", "ridge,naswot,synflow,params", "--rank-by", "naswot+synflow", "--threads", "1"};
        Path local = ROOT.resolve("halving-local");
        Run l = run(SparkSearchTest.concat(halving, "--run", local.toString()));
        assertThat(l.code).as(l.all()).isZero();
        Path run = ROOT.resolve("halving-spark");
        Run r = run(SparkSearchTest.concat(halving, "--run", run.toString(), "--engine", "spark", "--master", "local[2,2]",
                "--spark-conf", "spark.local.dir=" + ROOT.resolve("spark-local").toAbsolutePath(),
                "--spark-conf", SparkCellEngine.KEEP_CONTEXT + "=true"));
        assertThat(r.code).as(r.all()).isZero();
        // 4 networks at 20 images, the best 2 at 40: two rungs, one engine session
        assertThat(r.err).contains("spark: 4 networks at 20 images").contains("spark: 2 networks at 40 images")
                .contains("halving: 20 images: kept the best 2 of 4");
        assertThat(r.err.split("spark: master", -1)).hasSize(2);
        Map<String, Double> stored = scores(run);
        assertThat(stored).hasSize((4 + 2) * 4).isEqualTo(scores(local));
    }

    @Test
    void evolutionIsRefusedWithAnEngineBeforeAnythingIsCreated() {
        Path run = ROOT.resolve("evolution");
        Run r = run("search", "--preset", "nb201", "--width", "4", "--cells", "1", "--strategy", "evolution",
                "--budget", "4", "--population", "2", "--tournament", "2", "--proxies", "ridge,naswot,synflow,params",
                "--rank-by", "synflow", "--engine", "spark", "--run", run.toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.trim().lines()).hasSize(1);
        assertThat(r.err).contains("--strategy evolution").contains("--engine local");
        assertThat(Files.exists(run)).isFalse();
    }

    // ------------------------------------------------------------------ helpers

    /** Exit code, the command's output, and its error stream with the screen's log (System.err). */
    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static synchronized Run run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(log, true, StandardCharsets.UTF_8);
        System.setErr(tee);
        try {
            SparkSearchTest.Cli c = SparkSearchTest.cli(args);
            // picocli's err went to the same writer as out; split the one-line errors off by the prefix
            String err = log.toString(StandardCharsets.UTF_8)
                    + c.out().lines().filter(l -> l.startsWith("convprobe:")).map(l -> l + "\n").reduce("", String::concat);
            String out = c.out().lines().filter(l -> !l.startsWith("convprobe:")).map(l -> l + "\n")
                    .reduce("", String::concat);
            return new Run(c.code(), out, err);
        } finally {
            System.setErr(saved);
        }
    }

    /** "arch@fidelity#score" → value (NaN for NULL), every stored row. */
    static Map<String, Double> scores(Path run) {
        Map<String, Double> m = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + run.resolve("cells.db"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT arch, fidelity, score, value FROM cell_scores")) {
            while (rs.next()) {
                double v = rs.getDouble(4);
                m.put(rs.getString(1) + "@" + rs.getInt(2) + "#" + rs.getString(3), rs.wasNull() ? Double.NaN : v);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }
}
