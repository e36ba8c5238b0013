package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.SystemProperty;
import io.convprobe.store.TimingCache;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convprobe bench search} with the per-user timing cache in a temporary directory. */
class BenchSearchCommandTest {
    @TempDir Path dir;
    private final SystemProperty cacheDir = SystemProperty.keep(TimingCache.PROPERTY);

    @AfterEach
    void restore() {
        cacheDir.close();
    }

    @Test
    void runsMustBePositive() {
        CliRun r = CliRun.of("bench", "search", "--no-peer", "--limit", "1", "--runs", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--runs must be at least 1");
    }

    /** One slab network, two sweep runs: the first fills the cache (cold), the second reads it (warm), then --retime. */
    @Test
    void theSweepReadsAndFillsTheUsersTimingCache() {
        System.setProperty(TimingCache.PROPERTY, dir.toString());
        CliRun first = CliRun.of("bench", "search", "--no-peer", "--limit", "1", "--runs", "2");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("timing cache: " + dir.resolve(TimingCache.FILE))
                .contains("convprobe, shared-prefix sweep, table cold").contains("convprobe, shared-prefix sweep, table warm")
                .contains("sweep run 2: timing table warm").contains("its floor of")
                .contains("accuracies differing between them: 0 of 1");
        CliRun second = CliRun.of("bench", "search", "--no-peer", "--limit", "1");
        assertThat(second.out()).contains("shared-prefix sweep, table warm").doesNotContain("table cold");
        CliRun retimed = CliRun.of("bench", "search", "--no-peer", "--limit", "1", "--retime");
        assertThat(retimed.out()).contains("--retime: the first sweep measures every layer shape")
                .contains("shared-prefix sweep, table cold");
    }
}
