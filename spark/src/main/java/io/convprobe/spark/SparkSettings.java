package io.convprobe.spark;

import io.convprobe.search.SearchJob;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark configuration of a search (chains or cells): spark-submit's settings ({@code spark.*} system properties),
 * then {@code --spark-conf}, then {@code --master}; and defaults where none of them says otherwise:
 * no web UI; on a {@code local} master the driver binds to and advertises only the loopback address;
 * executors run libtorch offline and quiet, under the driver's oneDNN instruction-set cap.
 */
final class SparkSettings {
    private SparkSettings() {}

    static SparkConf conf(SearchJob job) {
        return conf(job.master(), job.conf(), "convprobe search");
    }

    /** The same for any job: {@code master} (null: spark-submit's, else {@code local[*]}) and {@code --spark-conf}. */
    static SparkConf conf(String master, Map<String, String> settings, String appName) {
        SparkConf conf = new SparkConf(); // loads spark.* system properties (spark-submit puts its settings there)
        for (Map.Entry<String, String> e : settings.entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        if (master != null) {
            conf.setMaster(master);
        }
        conf.setIfMissing("spark.master", "local[*]");
        conf.setIfMissing("spark.app.name", appName);
        conf.setIfMissing("spark.ui.enabled", "false");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.setIfMissing("spark.executorEnv.TORCH_CPP_LOG_LEVEL", "ERROR");
        // The executors run under the driver's oneDNN cap: set when the search takes float32 gradients
        // (libtorch's AVX-512 convolution backward is wrong; docs/design.md). Executors also cap
        // themselves before their first gradient and run the self-check (GradientCheck).
        String isa = io.convprobe.nn.CpuIsa.inForce();
        if (isa != null) {
            int eq = isa.indexOf('=');
            conf.setIfMissing("spark.executorEnv." + isa.substring(0, eq), isa.substring(eq + 1));
        }
        conf.setIfMissing("spark.executor.extraJavaOptions", "-Dai.djl.offline=true");
        return conf;
    }

    /**
     * Attempts Spark makes per task: on a {@code local[N,R]} master R, on {@code local[N]} one (a local
     * master ignores {@code spark.task.maxFailures}), elsewhere {@code spark.task.maxFailures} (default 4).
     */
    static int attemptsPerTask(SparkConf conf, JavaSparkContext sc) {
        if (sc.isLocal()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[[^,\\]]+,\\s*(\\d+)\\s*]")
                    .matcher(sc.master());
            return m.matches() ? Integer.parseInt(m.group(1)) : 1;
        }
        return conf.getInt("spark.task.maxFailures", 4);
    }

    /**
     * With core's slf4j-simple binding (client mode), Spark logs every INFO line; keep it to warnings
     * unless the user configured it. (Under spark-submit, Spark's log4j2 configuration applies.)
     */
    static void quietLogs() {
        for (String logger : new String[] {"org.apache.spark", "org.sparkproject", "io.netty"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
        // "Unable to load native-hadoop library": Spark runs without it; nothing for the user to do
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.org.apache.hadoop.util.NativeCodeLoader", "error");
    }
}
