package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code search --engine}: core alone has only the local engine, and says how to get Spark. */
class SearchEngineOptionTest {
    @TempDir Path dir;

    @Test
    void sparkWithoutTheSparkModuleIsAOneLineErrorSayingHowToGetIt() {
        Path run = dir.resolve("run");
        CliRun r = CliRun.of("search", "--sample", "3", "--engine", "spark", "--master", "local[2]", "--run", run.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().strip()).doesNotContain("\n").contains("Spark engine is not on the class path")
                .contains("./mvnw -pl spark -am package");
        assertThat(Files.exists(run)).as("no run directory left behind").isFalse();
    }

    @Test
    void sparkFlagsNeedTheSparkEngineAndUnknownEnginesAreNamed() {
        CliRun r = CliRun.of("search", "--sample", "3", "--master", "local[2]", "--run", dir.resolve("a").toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("--master and --spark-conf need --engine spark");
        CliRun u = CliRun.of("search", "--sample", "3", "--engine", "flink", "--run", dir.resolve("b").toString());
        assertThat(u.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(u.err()).contains("--engine flink: unknown engine (known: local, spark)");
    }
}
