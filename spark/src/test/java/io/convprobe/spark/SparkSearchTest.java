package io.convprobe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.cli.Main;
import io.convprobe.probe.TrialResult;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.ResultStore;
import io.convprobe.search.SearchCounts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code search --engine spark} on a local master in this JVM, against {@code --engine local} on the
 * same small space and the embedded Fashion-MNIST sample. One SparkContext serves every test
 * ({@code spark.convprobe.keepContext}); run directories and Spark's local dir live under target/.
 */
class SparkSearchTest {
    static final Path ROOT = Path.of("target", "spark-test-runs");
    /** 2 layers × 8 choices = 64 networks, 8 shards of 8 (two-layer specs share their first layer). */
    static final String[] SEARCH = {"search", "--layers", "2", "--channels", "4", "--kernels", "3,5", "--strides", "1,2",
        "--dilations", "1,2", "--train-size", "100", "--test-size", "50", "--trials", "2", "--min-accuracy", "30",
        "--min-throughput", "0", "--threads", "1"};
    static final int SHARDS = 8;

    static Map<String, double[]> reference;
    static SearchCounts referenceCounts;

    @BeforeAll
    static void localReference() throws IOException {
        deleteTree(ROOT);
        Files.createDirectories(ROOT);
        Path local = ROOT.resolve("local");
        assertThat(cli(concat(SEARCH, "--run", local.toString())).code).isZero();
        reference = trials(local);
        referenceCounts = counts(local);
        assertThat(referenceCounts.full()).as("some pass trial 0").isPositive();
        assertThat(referenceCounts.cut()).as("some are cut").isPositive();
    }

    @AfterAll
    static void stopSpark() {
        try {
            SparkContext.getOrCreate().stop(); // the context the tests kept (spark.convprobe.keepContext)
        } catch (Exception noneRunning) { // SparkException: no master set, so none was running
            // nothing to stop
        }
    }

    static String[] spark(Path run, String... extra) {
        String[] base = concat(SEARCH, "--run", run.toString(), "--engine", "spark", "--master", "local[2,2]",
                "--spark-conf", "spark.local.dir=" + ROOT.resolve("spark-local").toAbsolutePath(),
                "--spark-conf", SparkSearchEngine.KEEP_CONTEXT + "=true");
        return concat(base, extra);
    }

    @Test
    void sparkGivesExactlyTheLocalAccuraciesAndEachExecutorSetsUpOnce() {
        Path run = ROOT.resolve("spark");
        int before = ExecutorProbers.built();
        Cli r = cli(spark(run));
        assertThat(r.code).as(r.out).isZero();
        assertThat(trials(run)).isEqualTo(reference);
        assertThat(counts(run)).isEqualTo(referenceCounts);
        List<String[]> shards = shards(run);
        assertThat(shards).hasSize(SHARDS).allMatch(s -> s[1].equals("DONE") && s[2].equals("1"));
        // one prober per task slot (2), not one per task (8); a second search with the same recipe builds none
        assertThat(ExecutorProbers.built() - before).isBetween(1, 2);
        int after = ExecutorProbers.built();
        Path again = ROOT.resolve("spark-again");
        assertThat(cli(spark(again)).code).isZero();
        assertThat(ExecutorProbers.built()).isEqualTo(after);
        assertThat(trials(again)).isEqualTo(reference);
    }

    @Test
    void aTaskThatFailsOnItsFirstAttemptIsRetriedAndStoresEachTrialOnce() {
        Path run = ROOT.resolve("retry");
        Cli r = cli(spark(run, "--spark-conf", SparkSearchEngine.FAIL_FIRST + "=0,5"));
        assertThat(r.code).as(r.out).isZero();
        assertThat(trials(run)).isEqualTo(reference); // no missing, no extra (arch, trial)
        assertThat(counts(run)).isEqualTo(referenceCounts);
        assertThat(rowCount(run, "SELECT COUNT(*) FROM trials")).isEqualTo(reference.size());
        List<String[]> shards = shards(run);
        for (String[] s : shards) {
            boolean hooked = s[0].equals("0") || s[0].equals("5");
            assertThat(s[1]).isEqualTo("DONE");
            assertThat(s[2]).as("attempts of shard " + s[0]).isEqualTo(hooked ? "2" : "1");
        }
    }

    @Test
    void aStoppedJobResumesWithOnlyTheRemainingShards() {
        Path run = ROOT.resolve("resume");
        Cli first = cli(spark(run, "--spark-conf", SparkSearchEngine.STOP_AFTER + "=3"));
        assertThat(first.code).as(first.out).isZero();
        SearchCounts partial = counts(run);
        assertThat(partial.pending()).isPositive();
        List<String[]> stopped = shards(run);
        List<String> done = stopped.stream().filter(s -> s[1].equals("DONE")).map(s -> s[0]).toList();
        assertThat(done.size()).isBetween(3, SHARDS - 1);

        Cli second = cli(spark(run));
        assertThat(second.code).as(second.out).isZero();
        assertThat(counts(run)).isEqualTo(referenceCounts);
        assertThat(trials(run)).isEqualTo(reference);
        List<String[]> resumed = shards(run);
        for (int i = 0; i < SHARDS; i++) {
            assertThat(resumed.get(i)[1]).isEqualTo("DONE");
            if (done.contains(resumed.get(i)[0])) { // not submitted again: the same row as after the stop
                assertThat(resumed.get(i)).containsExactly(stopped.get(i));
            } else {
                assertThat(resumed.get(i)[2]).isEqualTo("1");
            }
        }
        // a third run finds nothing to do
        assertThat(cli(spark(run)).code).isZero();
        assertThat(shards(run)).usingRecursiveComparison().isEqualTo(resumed);
    }

    @Test
    void sparkSubmitsMainClassAddsTheEngineAndTheDriverStaysOnLoopbackWithoutUi() {
        Path run = ROOT.resolve("submit");
        String[] args = concat(SEARCH, "--run", run.toString(), "--master", "local[2,2]",
                "--spark-conf", "spark.local.dir=" + ROOT.resolve("spark-local").toAbsolutePath(),
                "--spark-conf", SparkSearchEngine.KEEP_CONTEXT + "=true");
        assertThat(SparkSearch.run(args)).isZero();
        assertThat(trials(run)).isEqualTo(reference);
        assertThat(SparkSearch.run(new String[] {"--layers", "2"})).isEqualTo(Main.EXIT_USAGE);

        SparkContext sc = SparkContext.getOrCreate();
        assertThat(sc.getConf().get("spark.driver.host")).isEqualTo("127.0.0.1");
        assertThat(sc.getConf().get("spark.driver.bindAddress")).isEqualTo("127.0.0.1");
        assertThat(sc.getConf().get("spark.ui.enabled")).isEqualTo("false");
        assertThat(sc.uiWebUrl().isEmpty()).isTrue();
        assertThat(Path.of(sc.getConf().get("spark.local.dir"))).startsWith(Path.of("target").toAbsolutePath());
    }

    @Test
    void dryRunPrintsTheShardPlanAndClusterEstimatesWithoutStartingSpark() {
        Cli r = cli(concat(SEARCH, "--dry-run", "--engine", "spark", "--run", ROOT.resolve("dry").toString()));
        assertThat(r.code).as(r.out).isZero();
        assertThat(r.out).contains("shards            8 (shard depth 2), 8 with work, up to 8 architectures each")
                .contains("cluster, trial 0  10 executors x 16 cores").contains("cluster, trial 0  100 executors");
        assertThat(Files.exists(ROOT.resolve("dry"))).isFalse();
    }

    // ------------------------------------------------------------------ helpers

    record Cli(int code, String out) {}

    static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return new Cli(cl.execute(args), out.toString());
    }

    /** "archId#trial" → {test accuracy, train accuracy, features}, over every stored trial. */
    static Map<String, double[]> trials(Path run) {
        Map<String, double[]> m = new TreeMap<>();
        try (ResultStore s = ResultStore.open(run)) {
            for (ArchAggregate a : s.aggregates()) {
                for (TrialResult t : s.trials(a.id())) {
                    m.put(a.id() + "#" + t.trial(), new double[] {t.testAccuracy(), t.trainAccuracy(), t.features()});
                }
            }
        }
        return new TreeMap<>(m) {
            @Override
            public boolean equals(Object o) { // compare the arrays by value
                return o instanceof Map<?, ?> other && other.size() == size() && entrySet().stream().allMatch(e ->
                        other.get(e.getKey()) instanceof double[] v && java.util.Arrays.equals(v, e.getValue()));
            }

            @Override
            public int hashCode() {
                return keySet().hashCode();
            }

            @Override
            public String toString() {
                StringBuilder b = new StringBuilder();
                forEach((k, v) -> b.append(k).append('=').append(java.util.Arrays.toString(v)).append(' '));
                return b.toString();
            }
        };
    }

    static SearchCounts counts(Path run) {
        try (ResultStore s = ResultStore.open(run)) {
            return s.counts();
        }
    }

    /** The shards table: {shard, status, attempts, host}. */
    static List<String[]> shards(Path run) {
        List<String[]> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + run.resolve(ResultStore.DB_FILE));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT shard, status, attempts, host FROM shards ORDER BY shard")) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static long rowCount(Path run, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + run.resolve(ResultStore.DB_FILE));
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
