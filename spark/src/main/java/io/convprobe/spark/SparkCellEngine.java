package io.convprobe.spark;

import io.convprobe.UserException;
import io.convprobe.cells.CellEngine;
import io.convprobe.cells.CellRecipe;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code search --preset nb201 --engine spark}: one single-task Spark job per cell network (no
 * shared prefixes between cells, so one network is the unit of work), in the order given, keeping
 * twice the cluster's task slots in flight; each network's trial goes back to the caller
 * ({@link io.convprobe.cells.CellSearch}, the only writer) as its job completes. The executors keep
 * one {@link io.convprobe.cells.CellProber} per task slot and recipe ({@link ExecutorProbers}) and
 * run under the driver's oneDNN cap ({@link SparkSettings}). Spark retries a failed task up to
 * {@code spark.task.maxFailures}; a network failed on every attempt is reported failed (and logged)
 * and the others go on; if the first three all fail the screen stops with that error. Stopping at
 * any point keeps every network already handed back.
 *
 * <p>Test hooks (Spark settings, off by default; indices into the list of one {@link Session#score}
 * call): {@code spark.convprobe.test.failFirstAttempt=I,J} fails the first attempt of those networks'
 * tasks, {@code spark.convprobe.test.failNetworks=I,J} every attempt, and
 * {@code spark.convprobe.test.stopAfterNetworks=N} stops after N networks, as an interruption would;
 * {@code spark.convprobe.keepContext=true} leaves the SparkContext running for the next search in
 * this JVM.
 */
public final class SparkCellEngine implements CellEngine {
    static final String FAIL_FIRST = SparkSearchEngine.FAIL_FIRST;
    static final String FAIL_NETWORKS = "spark.convprobe.test.failNetworks";
    static final String STOP_AFTER = "spark.convprobe.test.stopAfterNetworks";
    static final String KEEP_CONTEXT = SparkSearchEngine.KEEP_CONTEXT;

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Session start(Options options, Consumer<String> log) {
        SparkConf conf = SparkSettings.conf(options.master(), options.conf(), "convprobe cell search");
        int threads = options.threads() != null ? options.threads() : conf.getInt("spark.task.cpus", 1);
        SparkSettings.quietLogs();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
        log.accept(String.format(Locale.ROOT, "spark: master %s, %d task slots, %d threads per task, one network per task",
                sc.master(), sc.defaultParallelism(), threads));
        return new Running(conf, sc, threads, log);
    }

    private static final class Running implements Session {
        private final SparkConf conf;
        private final JavaSparkContext sc;
        private final int threads;
        private final Consumer<String> log;

        Running(SparkConf conf, JavaSparkContext sc, int threads, Consumer<String> log) {
            this.conf = conf;
            this.sc = sc;
            this.threads = threads;
            this.log = log;
        }

        @Override
        public boolean score(CellRecipe recipe, List<String> specs, Listener listener) {
            Set<Integer> failFirst = indices(conf.get(FAIL_FIRST, ""));
            Set<Integer> failAll = indices(conf.get(FAIL_NETWORKS, ""));
            int stopAfter = conf.getInt(STOP_AFTER, 0);
            int attemptsPerTask = SparkSettings.attemptsPerTask(conf, sc);
            int maxInFlight = 2 * Math.max(1, sc.defaultParallelism());
            CellTask task = new CellTask(recipe, threads);
            log.accept(String.format(Locale.ROOT, "spark: %,d networks at %d images, one task each, up to %d in flight",
                    specs.size(), recipe.settings().trainSize(), maxInFlight));
            Deque<CellTask.Work> queue = new ArrayDeque<>();
            for (int i = 0; i < specs.size(); i++) {
                queue.add(new CellTask.Work(i, specs.get(i),
                        failAll.contains(i) ? Integer.MAX_VALUE : failFirst.contains(i) ? 1 : 0));
            }
            Map<JavaFutureAction<List<CellTask.Outcome>>, CellTask.Work> inFlight = new LinkedHashMap<>();
            int scored = 0;
            int failed = 0;
            boolean stopped = false;
            String firstError = null;
            while (!queue.isEmpty() || !inFlight.isEmpty()) {
                while (inFlight.size() < maxInFlight && !queue.isEmpty()) {
                    CellTask.Work w = queue.poll();
                    sc.setJobDescription("convprobe cell network " + w.index() + " " + w.spec());
                    inFlight.put(sc.parallelize(List.of(w), 1).map(task).collectAsync(), w);
                }
                SparkSearchEngine.sleepUntilOneIsDone(inFlight.keySet());
                for (Iterator<Map.Entry<JavaFutureAction<List<CellTask.Outcome>>, CellTask.Work>> it =
                        inFlight.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<JavaFutureAction<List<CellTask.Outcome>>, CellTask.Work> e = it.next();
                    if (!e.getKey().isDone()) {
                        continue;
                    }
                    it.remove();
                    CellTask.Work w = e.getValue();
                    try {
                        CellTask.Outcome out = e.getKey().get().get(0);
                        listener.scored(w.spec(), out.trial()); // stored now, before anything else completes
                        scored++;
                    } catch (CancellationException cancelled) {
                        // stopped: the network stays unscored
                    } catch (ExecutionException ex) {
                        String msg = SparkSearchEngine.rootMessage(ex);
                        listener.failed(w.spec(), msg);
                        failed++;
                        firstError = firstError == null ? msg : firstError;
                        log.accept(String.format(Locale.ROOT, "spark: network %s failed on every attempt (%d): %s",
                                w.spec(), attemptsPerTask, msg));
                        if (scored == 0 && failed >= Math.min(3, specs.size())) {
                            SparkSearchEngine.cancel(inFlight.keySet());
                            throw new UserException("--engine spark: the first " + failed + " networks failed, stopping: "
                                    + msg);
                        }
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        throw new UserException("--engine spark: interrupted; re-run the same command to resume");
                    }
                }
                if (stopAfter > 0 && scored >= stopAfter && !stopped && (!queue.isEmpty() || !inFlight.isEmpty())) {
                    stopped = true;
                    queue.clear();
                    SparkSearchEngine.cancel(inFlight.keySet()); // those already done are still handed back
                    log.accept("spark: stopping after " + scored + " networks (" + STOP_AFTER + ")");
                }
            }
            log.accept(String.format(Locale.ROOT, "spark: %,d networks scored, %,d failed%s", scored, failed,
                    failed > 0 ? " (not stored; re-run the same command to retry them; first error: " + firstError + ")"
                            : ""));
            return !stopped;
        }

        @Override
        public void close() {
            if (!conf.getBoolean(KEEP_CONTEXT, false)) {
                sc.stop();
            }
        }
    }

    private static Set<Integer> indices(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(t -> !t.isEmpty()).map(Integer::valueOf)
                .collect(Collectors.toSet());
    }
}
