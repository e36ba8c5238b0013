package io.convprobe.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.LayerShape;
import io.convprobe.probe.LayerTiming;
import io.convprobe.probe.LayerTimings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerTimingTableTest {
    @TempDir Path dir;

    static final List<LayerShape> SHAPES = List.of(LayerShape.parse("16x24x24 c16k3"),
            LayerShape.parse("16x22x22 relu"), LayerShape.parse("3x32x32 c16k5s2"));
    static final TimingCache.Key KEY = TimingCacheTest.KEY;

    private final AtomicInteger calls = new AtomicInteger();

    /** A fake timer: counts its calls, and each call reads a different (slower) time. */
    private LayerTiming measure(LayerShape shape) {
        return new LayerTiming(1e-5 * calls.incrementAndGet(), Double.NaN, ConvAlgorithm.DIRECT);
    }

    /** One search's table on a new run store {@code run}, with the cache in {@code dir/cache}; every shape asked for. */
    private LayerTimingTable.Start search(String run, boolean retime) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve(run));
        try (Sqlite db = StoreFixture.open(runDir); TimingCache cache = TimingCache.open(dir.resolve("cache"), w -> {
            throw new AssertionError(w);
        })) {
            LayerTimingTable.Start start = new LayerTimingTable(db).timings(this::measure, KEY, LayerTimings.Choice.MEASURED,
                    cache, retime);
            SHAPES.forEach(start.timings()::of);
            return start;
        }
    }

    private LayerTimingTable.Start table(String run) throws Exception {
        try (Sqlite db = StoreFixture.open(dir.resolve(run))) {
            return new LayerTimingTable.Start(null, new LayerTimingTable(db).load(KEY.batch(), KEY.threads()).size(), 0);
        }
    }

    @Test
    void aSecondSearchCopiesTheCachedRowsAndTimesNothing() throws Exception {
        LayerTimingTable.Start first = search("run1", false);
        assertThat(calls.get()).isEqualTo(SHAPES.size());
        assertThat(first.timings().measuredCount()).isEqualTo(SHAPES.size());
        assertThat(first.fromCache()).isZero();

        LayerTimingTable.Start second = search("run2", false);
        assertThat(calls.get()).as("no timer call in the second search").isEqualTo(SHAPES.size());
        assertThat(second.timings().measuredCount()).isZero();
        assertThat(second.fromCache()).isEqualTo(SHAPES.size());
        assertThat(second.timings().rows()).isEqualTo(first.timings().rows());
        assertThat(table("run2").fromRun()).as("the second run's own store holds the rows").isEqualTo(SHAPES.size());
        assertThat(table("run1").fromRun()).isEqualTo(SHAPES.size());
    }

    @Test
    void onlyTheShapesNotCachedAreTimed() throws Exception {
        search("run1", false);
        Path runDir = Files.createDirectories(dir.resolve("run2"));
        LayerShape extra = LayerShape.parse("16x12x12 c16k3");
        try (Sqlite db = StoreFixture.open(runDir); TimingCache cache = TimingCache.open(dir.resolve("cache"), w -> {})) {
            LayerTimings t = new LayerTimingTable(db).timings(this::measure, KEY, LayerTimings.Choice.MEASURED, cache,
                    false).timings();
            SHAPES.forEach(t::of);
            t.of(extra);
            assertThat(t.measuredCount()).isEqualTo(1);
            assertThat(cache.load(KEY)).containsKey(extra).hasSize(SHAPES.size() + 1);
        }
    }

    @Test
    void retimeMeasuresAfreshAndRefreshesTheCache() throws Exception {
        LayerTimingTable.Start first = search("run1", false);
        LayerTimingTable.Start again = search("run2", true);
        assertThat(calls.get()).isEqualTo(2 * SHAPES.size());
        assertThat(again.timings().measuredCount()).isEqualTo(SHAPES.size());
        assertThat(again.timings().rows()).isNotEqualTo(first.timings().rows());
        assertThat(table("run2").fromRun()).isEqualTo(SHAPES.size());
        // the next search copies the fresh rows
        LayerTimingTable.Start third = search("run3", false);
        assertThat(calls.get()).isEqualTo(2 * SHAPES.size());
        assertThat(third.timings().rows()).isEqualTo(again.timings().rows());
    }

    @Test
    void aResumedRunKeepsItsOwnRowsOverTheCache() throws Exception {
        search("run1", false); // run1 and the cache hold the first readings
        search("run2", true); // the cache now holds the second readings
        LayerTimingTable.Start resumed = search("run1", false);
        assertThat(resumed.fromRun()).isEqualTo(SHAPES.size());
        assertThat(resumed.fromCache()).isZero();
        assertThat(resumed.timings().of(SHAPES.get(0)).directSeconds()).isEqualTo(1e-5);
    }

    @Test
    void aDisabledCacheMeansTheOldBehaviour() throws Exception {
        try (Sqlite db = StoreFixture.open(Files.createDirectories(dir.resolve("run")))) {
            LayerTimings t = new LayerTimingTable(db).timings(this::measure, KEY, LayerTimings.Choice.MEASURED,
                    TimingCache.disabled(), false).timings();
            SHAPES.forEach(t::of);
            assertThat(t.measuredCount()).isEqualTo(SHAPES.size());
            assertThat(new LayerTimingTable(db).load(KEY.batch(), KEY.threads())).hasSize(SHAPES.size());
        }
    }
}
