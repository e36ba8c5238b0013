package io.convprobe.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private long now;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private Progress progress(boolean terminal) {
        return new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal, 10_000_000_000L,
                () -> now);
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainOutputPrintsOneLinePerIntervalAtMost() {
        Progress p = progress(false);
        p.start(100);
        for (int i = 0; i < 30; i++) {
            now += 1_000_000_000L; // one architecture per second
            p.archFinished(i % 3 == 0 ? ArchStatus.FULL : ArchStatus.CUT);
        }
        p.finish();
        String[] lines = text().split("\n");
        assertThat(lines).hasSize(3); // at 10, 20 and 30 s
        assertThat(lines[0]).isEqualTo("search: 10/100 archs (10.0%), 1.00 arch/s, ETA 1m30s; full 4, cut 6, failed 0");
        assertThat(lines[2]).startsWith("search: 30/100 archs (30.0%), 1.00 arch/s, ETA 1m10s");
        assertThat(text()).doesNotContain("\r");
    }

    @Test
    void terminalOutputRedrawsOneLineWithABar() {
        Progress p = progress(true);
        p.start(4);
        for (int i = 0; i < 4; i++) {
            now += 2_000_000_000L;
            p.archFinished(ArchStatus.FULL);
        }
        p.finish();
        String t = text();
        assertThat(t).startsWith("\r[######------------------] 1/4 archs (25.0%), 0.50 arch/s, ETA 6s");
        assertThat(t).contains("\r[########################] 4/4 archs (100.0%)");
        assertThat(t).endsWith("\n");
        assertThat(t.chars().filter(ch -> ch == '\n').count()).isEqualTo(1);
    }

    @Test
    void durations() {
        assertThat(Progress.duration(45)).isEqualTo("45s");
        assertThat(Progress.duration(187)).isEqualTo("3m07s");
        assertThat(Progress.duration(2 * 3600 + 13 * 60 + 5)).isEqualTo("2h13m");
    }
}
