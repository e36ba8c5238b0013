package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.search.ResultStore;
import io.convprobe.SystemProperty;
import io.convprobe.store.TimingCache;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-user timing cache through {@code convprobe search}, in a temporary cache directory. */
class SearchTimingCacheTest {
    @TempDir Path dir;
    private final SystemProperty cacheDir = SystemProperty.keep(TimingCache.PROPERTY);

    @AfterEach
    void restore() {
        cacheDir.close();
    }

    /** The search's stderr (it writes its lines to System.err, not picocli's writer). */
    private String search(String run, String... extra) {
        String[] args = {"search", "--kernels", "3", "--strides", "1,2", "--dilations", "1", "--channels", "4",
            "--layers", "1", "--dataset", "fashion-mnist-mini", "--train-size", "40", "--test-size", "20",
            "--min-accuracy", "0", "--min-throughput", "0", "--proxies", "none", "--threads", "1",
            "--run", dir.resolve(run).toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        CliRun r = CliRun.withSystemErr(all);
        String err = r.err();
        assertThat(r.exitCode()).as(err).isZero();
        return err;
    }

    private long rows(String run) {
        try (ResultStore s = ResultStore.openForSearch(dir.resolve(run))) {
            return s.layerTimings().load(32, 1).size();
        }
    }

    @Test
    void aSecondSearchCopiesTheTimingsAndRetimeMeasuresAgain() {
        Path cache = dir.resolve("cache");
        System.setProperty(TimingCache.PROPERTY, cache.toString());
        String first = search("run1");
        assertThat(first).doesNotContain("copied from the timing cache").doesNotContain("warning")
                .contains("measured new timing-table rows");
        long rows = rows("run1");
        assertThat(rows).isPositive();
        assertThat(cache.resolve(TimingCache.FILE)).exists();

        String second = search("run2");
        assertThat(second).contains(rows + " rows copied from the timing cache " + cache.resolve(TimingCache.FILE));
        assertThat(second).as("nothing timed").doesNotContain("measured new timing-table rows");
        assertThat(rows("run2")).as("the run's own store keeps the rows (provenance)").isEqualTo(rows);

        String third = search("run3", "--retime");
        assertThat(third).contains("--retime: measuring every layer shape").doesNotContain("copied from")
                .contains("measured new timing-table rows");
        assertThat(rows("run3")).isEqualTo(rows);
    }

    @Test
    void offMeansNoCache() {
        System.setProperty(TimingCache.PROPERTY, "off");
        search("run1");
        String second = search("run2");
        assertThat(second).doesNotContain("timing cache");
    }
}
