package io.convprobe.spark;

import io.convprobe.UserException;
import io.convprobe.search.Progress;
import io.convprobe.search.ResultStore;
import io.convprobe.search.SearchCounts;
import io.convprobe.search.SearchEngine;
import io.convprobe.search.SearchJob;
import io.convprobe.search.Shard;
import io.convprobe.search.ShardOutcome;
import io.convprobe.search.ShardPlan;
import io.convprobe.search.ShardWork;
import io.convprobe.search.ShardWriter;
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
 * {@code search --engine spark}: the driver (this JVM) plans shards ({@link ShardPlan}), submits one
 * single-task Spark job per pending shard, longest first, keeping twice the cluster's task slots in
 * flight (FIFO scheduling keeps the order), and writes each shard's rows as its job completes, in
 * one transaction ({@link ShardWriter}, the only writer). Spark retries a failed task up to
 * {@code spark.task.maxFailures}; a shard failed on every attempt is recorded FAILED and the others go
 * on (a re-run retries it). Stopping at any point keeps every written shard; a re-run submits only
 * the shards with pending architectures.
 *
 * <p>Test hooks (Spark settings, off by default): {@code spark.convprobe.test.failFirstAttempt=I,J}
 * fails the first attempt of those shards' tasks; {@code spark.convprobe.test.stopAfterShards=N}
 * stops after N shards are written, as an interruption would; {@code spark.convprobe.keepContext=true}
 * leaves the SparkContext running for the next search in this JVM.
 */
public final class SparkSearchEngine implements SearchEngine {
    static final String FAIL_FIRST = "spark.convprobe.test.failFirstAttempt";
    static final String STOP_AFTER = "spark.convprobe.test.stopAfterShards";
    static final String KEEP_CONTEXT = "spark.convprobe.keepContext";

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public SearchCounts run(SearchJob job, ResultStore store, Progress progress, Consumer<String> log) {
        ShardPlan plan = ShardPlan.of(store, job.shardDepth(), job.input(), job.settings());
        ShardWriter writer = new ShardWriter(store, job.policy());
        writer.sync(plan);
        List<Shard> todo = plan.pending();
        long archs = todo.stream().mapToLong(Shard::pending).sum();
        log.accept(String.format(Locale.ROOT, "spark: %,d shards (shard depth %d), %,d pending with %,d "
                + "architectures", plan.all().size(), job.shardDepth(), todo.size(), archs));
        if (todo.isEmpty()) {
            return store.counts();
        }
        SparkConf conf = SparkSettings.conf(job);
        Set<Integer> failFirst = Arrays.stream(conf.get(FAIL_FIRST, "").split(",")).map(String::trim)
                .filter(t -> !t.isEmpty()).map(Integer::valueOf).collect(Collectors.toSet());
        int stopAfter = conf.getInt(STOP_AFTER, 0);
        int threads = job.threads() != null ? job.threads() : conf.getInt("spark.task.cpus", 1);
        SparkSettings.quietLogs();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
        log.accept(String.format(Locale.ROOT, "spark: master %s, %d task slots, %d threads per task", sc.master(),
                sc.defaultParallelism(), threads));
        ShardTask task = ShardTask.of(job.recipe(), job.policy(), threads);
        int maxInFlight = 2 * Math.max(1, sc.defaultParallelism());
        Deque<Shard> queue = new ArrayDeque<>(todo);
        Map<JavaFutureAction<List<ShardOutcome>>, ShardWork> inFlight = new LinkedHashMap<>();
        int written = 0;
        int failed = 0;
        int attemptsPerTask = SparkSettings.attemptsPerTask(conf, sc);
        String firstError = null;
        progress.start(archs, "spark, " + todo.size() + " shards");
        try {
            while (!queue.isEmpty() || !inFlight.isEmpty()) {
                while (inFlight.size() < maxInFlight && !queue.isEmpty()) {
                    Shard s = queue.poll();
                    ShardWork work = writer.work(plan, s, failFirst.contains(s.index()));
                    sc.setJobDescription("convprobe shard " + s.index() + " (" + s.pending() + " archs)");
                    inFlight.put(sc.parallelize(List.of(work), 1).map(task).collectAsync(), work);
                }
                sleepUntilOneIsDone(inFlight.keySet());
                for (Iterator<Map.Entry<JavaFutureAction<List<ShardOutcome>>, ShardWork>> it =
                        inFlight.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<JavaFutureAction<List<ShardOutcome>>, ShardWork> e = it.next();
                    if (!e.getKey().isDone()) {
                        continue;
                    }
                    it.remove();
                    ShardWork work = e.getValue();
                    try {
                        ShardOutcome out = e.getKey().get().get(0);
                        ShardWriter.Committed c = writer.commit(work, out);
                        c.statuses().forEach(progress::archFinished);
                        written++;
                    } catch (CancellationException cancelled) {
                        // stopped: the shard stays pending
                    } catch (ExecutionException ex) {
                        String msg = rootMessage(ex);
                        writer.failed(work.shard(), attemptsPerTask, msg);
                        failed++;
                        firstError = firstError == null ? msg : firstError;
                        log.accept("spark: shard " + work.shard().index() + " failed on every attempt: " + msg);
                        if (written == 0 && failed >= Math.min(3, todo.size())) {
                            cancel(inFlight.keySet());
                            throw new UserException("--engine spark: the first " + failed + " shards failed, stopping: "
                                    + msg);
                        }
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        throw new UserException("--engine spark: interrupted; re-run the same command to resume");
                    }
                }
                if (stopAfter > 0 && written >= stopAfter && !queue.isEmpty()) {
                    queue.clear();
                    cancel(inFlight.keySet());
                    log.accept("spark: stopping after " + written + " shards (" + STOP_AFTER + ")");
                }
            }
        } finally {
            progress.finish();
            if (!conf.getBoolean(KEEP_CONTEXT, false)) {
                sc.stop();
            }
        }
        log.accept(String.format(Locale.ROOT, "spark: %,d shards written, %,d failed%s", written, failed,
                failed > 0 ? " (re-run the same command to retry them; first error: " + firstError + ")" : ""));
        return store.counts();
    }

    static void sleepUntilOneIsDone(Iterable<? extends JavaFutureAction<?>> futures) {
        while (true) {
            for (JavaFutureAction<?> f : futures) {
                if (f.isDone()) {
                    return;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserException("--engine spark: interrupted; re-run the same command to resume");
            }
        }
    }

    static void cancel(Iterable<? extends JavaFutureAction<?>> futures) {
        futures.forEach(f -> f.cancel(true));
    }

    /** The innermost message: Spark wraps the task's exception in a SparkException with its stack as text. */
    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
