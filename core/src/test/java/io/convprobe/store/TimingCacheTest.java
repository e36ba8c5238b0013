package io.convprobe.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.LayerShape;
import io.convprobe.probe.LayerTiming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimingCacheTest {
    @TempDir Path dir;

    static final TimingCache.Key KEY = new TimingCache.Key("AMD EPYC 9R14", "avx,avx2,avx512f", "none",
            "djl 0.36.0, libtorch 2.7.1, cpu()", "1.0", 2, 32);
    static final LayerShape CONV = LayerShape.parse("16x24x24 c16k3");
    static final LayerShape RELU = LayerShape.parse("16x22x22 relu");
    static final LayerTiming T1 = new LayerTiming(1e-4, 2e-4, ConvAlgorithm.DIRECT);
    static final LayerTiming T2 = new LayerTiming(3e-6, Double.NaN, ConvAlgorithm.DIRECT);

    private final List<String> warnings = new ArrayList<>();

    @Test
    void rowsComeBackForTheSameKeyOnlyAcrossOpens() {
        try (TimingCache c = TimingCache.open(dir, warnings::add)) {
            c.put(KEY, Map.of(CONV, T1, RELU, T2));
        }
        try (TimingCache c = TimingCache.open(dir, warnings::add)) {
            assertThat(c.load(KEY)).containsEntry(CONV, T1).containsEntry(RELU, T2).hasSize(2);
            assertThat(c.load(new TimingCache.Key(KEY.cpu(), KEY.isa(), KEY.onednn(), KEY.engine(), KEY.convprobe(), 1,
                    KEY.batch()))).as("another thread count").isEmpty();
            assertThat(c.load(new TimingCache.Key(KEY.cpu(), KEY.isa(), "AVX", KEY.engine(), KEY.convprobe(),
                    KEY.threads(), KEY.batch()))).as("oneDNN capped at AVX (a gradient-taking process)").isEmpty();
            assertThat(c.load(new TimingCache.Key("Intel Xeon", KEY.isa(), KEY.onednn(), KEY.engine(), KEY.convprobe(),
                    KEY.threads(), KEY.batch()))).as("another CPU").isEmpty();
            assertThat(c.load(new TimingCache.Key(KEY.cpu(), "avx,avx2", KEY.onednn(), KEY.engine(), KEY.convprobe(),
                    KEY.threads(), KEY.batch()))).as("the same model without AVX-512").isEmpty();
            assertThat(c.load(new TimingCache.Key(KEY.cpu(), KEY.isa(), KEY.onednn(), "djl 0.37.0, libtorch 2.8.0, cpu()",
                    KEY.convprobe(), KEY.threads(), KEY.batch()))).as("another libtorch").isEmpty();
            assertThat(c.load(new TimingCache.Key(KEY.cpu(), KEY.isa(), KEY.onednn(), KEY.engine(), KEY.convprobe(),
                    KEY.threads(), 64))).as("another batch size").isEmpty();
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void aCorruptFileIsMovedAsideWithOneWarningAndTheCacheWorksOn() throws Exception {
        Path file = dir.resolve(TimingCache.FILE);
        Files.writeString(file, "this is not a database, just text that is long enough to have a header".repeat(20));
        try (TimingCache c = TimingCache.open(dir, warnings::add)) {
            assertThat(c.enabled()).isTrue();
            assertThat(c.load(KEY)).isEmpty();
            c.put(KEY, CONV, T1);
            assertThat(c.load(KEY)).containsEntry(CONV, T1);
        }
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains(file.toString()).contains("corrupt").doesNotContain("\n");
        assertThat(dir.resolve(TimingCache.FILE + ".corrupt")).exists();
    }

    @Test
    void aCacheThatCannotBeOpenedIsDisabledWithOneWarning() throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        try (TimingCache c = TimingCache.open(notADir.resolve("convprobe"), warnings::add)) {
            assertThat(c.enabled()).isFalse();
            c.put(KEY, CONV, T1); // nothing happens, nothing thrown
            assertThat(c.load(KEY)).isEmpty();
        }
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains(notADir.toString());
    }

    @Test
    void aFailedWriteWarnsOnceAndTheCacheStepsAside() throws Exception {
        try (TimingCache c = TimingCache.open(dir, warnings::add);
                Sqlite other = Sqlite.openForWriting(dir.resolve(TimingCache.FILE), dir)) {
            other.inTransaction("drop", conn -> {
                try (Statement st = conn.createStatement()) {
                    st.execute("DROP TABLE layer_timings");
                }
                return null;
            });
            c.put(KEY, CONV, T1);
            c.put(KEY, RELU, T2);
            assertThat(c.load(KEY)).isEmpty();
            assertThat(c.enabled()).isFalse();
        }
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("cannot be written").contains(TimingCache.FILE);
    }

    @Test
    void twoConnectionsShareTheFile() {
        try (TimingCache a = TimingCache.open(dir, warnings::add); TimingCache b = TimingCache.open(dir, warnings::add)) {
            a.put(KEY, CONV, T1);
            b.put(KEY, RELU, T2);
            assertThat(a.load(KEY)).hasSize(2);
            assertThat(b.load(KEY)).hasSize(2);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void theDirectoryIsOverridableAndDefaultsToTheXdgCache() {
        assertThat(TimingCache.directory("/p", Map.of(TimingCache.ENV, "/e"), "/home/u")).isEqualTo(Path.of("/p"));
        assertThat(TimingCache.directory(null, Map.of(TimingCache.ENV, "/e", "XDG_CACHE_HOME", "/x"), "/home/u"))
                .isEqualTo(Path.of("/e"));
        assertThat(TimingCache.directory(null, Map.of("XDG_CACHE_HOME", "/x"), "/home/u"))
                .isEqualTo(Path.of("/x/convprobe"));
        assertThat(TimingCache.directory(null, Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.cache/convprobe"));
        assertThat(TimingCache.directory("off", Map.of(), "/home/u")).isNull();
        assertThat(TimingCache.directory(null, Map.of(TimingCache.ENV, "OFF"), "/home/u")).isNull();
    }

    @Test
    void thisProcesssKeyNamesItsCpuAndTheCapInForce() {
        TimingCache.Key k = TimingCache.Key.current(3, 16);
        assertThat(k.cpu()).isEqualTo(io.convprobe.nn.CpuIsa.cpuModel());
        assertThat(k.isa()).isEqualTo(io.convprobe.nn.CpuIsa.isaFlags()).doesNotContain(" ");
        String cap = io.convprobe.nn.CpuIsa.inForce();
        assertThat(k.onednn()).isEqualTo(cap == null ? "none" : cap.substring(cap.indexOf('=') + 1).toUpperCase());
        assertThat(k.engine()).contains(io.convprobe.Version.pytorch()).contains(io.convprobe.Version.djl());
        assertThat(k.threads()).isEqualTo(3);
        assertThat(k.batch()).isEqualTo(16);
    }

    @Test
    void testsNeverSeeTheUsersCache() {
        assertThat(TimingCache.directory()).as("Surefire sets convprobe.cache=off").isNull();
    }
}
