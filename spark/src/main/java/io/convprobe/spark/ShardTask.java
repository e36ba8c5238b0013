package io.convprobe.spark;

import io.convprobe.probe.ArchProber;
import io.convprobe.search.ProberRecipe;
import io.convprobe.search.ShardOutcome;
import io.convprobe.search.ShardRunner;
import io.convprobe.search.ShardWork;
import io.convprobe.search.TrialPolicy;
import java.net.InetAddress;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * The executor side, kept thin on purpose: borrow this JVM's prober, run the shard with the same
 * code a local search uses ({@link ShardRunner} over the sweep), return the rows. Nothing here
 * knows how the sweep works or times.
 */
record ShardTask(ProberRecipe recipe, int trials, double minAccuracy, double minThroughput, int threads)
        implements Function<ShardWork, ShardOutcome> {

    static ShardTask of(ProberRecipe recipe, TrialPolicy policy, int threads) {
        return new ShardTask(recipe, policy.trials(), policy.minAccuracy(), policy.minThroughput(), threads);
    }

    @Override
    public ShardOutcome call(ShardWork work) {
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 0 : task.attemptNumber();
        if (work.failFirstAttempt() && attempt == 0) {
            throw new IllegalStateException("test hook: first attempt of shard " + work.shard().index() + " fails");
        }
        ArchProber prober = ExecutorProbers.borrow(recipe, threads);
        boolean ok = false;
        try {
            ShardOutcome out = ShardRunner.run(work, prober, new TrialPolicy(trials, minAccuracy, minThroughput),
                    host(), attempt);
            ok = true;
            return out;
        } finally {
            if (ok) {
                ExecutorProbers.giveBack(recipe, threads, prober);
            } else {
                prober.close(); // its state is unknown after a failure
            }
        }
    }

    private static String host() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            name = "unknown-host";
        }
        SparkEnv env = SparkEnv.get();
        return env == null ? name : name + "/executor-" + env.executorId();
    }
}
