package io.convprobe.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResidentMemoryTest {
    private static long second(String line) {
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        return ResidentMemory.secondField(b, b.length);
    }

    @Test
    void statmsSecondFieldIsTheResidentPages() {
        assertThat(second("1198713 294651 7634 1 0 600108 0\n")).isEqualTo(294651);
        assertThat(second("12  7 3")).isEqualTo(7);
        assertThat(second("1198713")).isEqualTo(-1);
        assertThat(second("")).isEqualTo(-1);
    }

    @Test
    void theKeptOpenStatmFollowsTheProcessAsItGrows(@TempDir Path dir) throws IOException {
        long before = ResidentMemory.currentBytes();
        assumeTrue(before > 0, "no /proc/self/statm here");
        // 64 MB of pages this process surely has not touched yet: a fresh file mapped and written
        try (FileChannel f = FileChannel.open(dir.resolve("pages"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer m = f.map(FileChannel.MapMode.READ_WRITE, 0, 64 << 20);
            for (int i = 0; i < m.capacity(); i += 4096) {
                m.put(i, (byte) 1);
            }
            long after = ResidentMemory.currentBytes(); // the same channel, read again from offset 0
            assertThat(after - before).isGreaterThan(32L << 20);
            assertThat(ResidentMemory.peakBytes()).isGreaterThanOrEqualTo(after - (8L << 20)); // VmHWM, from status
        }
    }
}
