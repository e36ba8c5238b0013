package io.convprobe.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
    void theKeptOpenStatmFollowsTheProcessAsItGrows() {
        long before = ResidentMemory.currentBytes();
        assumeTrue(before > 0, "no /proc/self/statm here");
        byte[] touched = new byte[64 << 20];
        for (int i = 0; i < touched.length; i += 4096) {
            touched[i] = 1;
        }
        long after = ResidentMemory.currentBytes(); // the same channel, read again from offset 0
        assertThat(after - before).isGreaterThan(32L << 20);
        assertThat(touched[4096]).isEqualTo((byte) 1);
        long peak = ResidentMemory.peakBytes();
        assertThat(peak).isGreaterThanOrEqualTo(after - (8L << 20)); // VmHWM from status, read apart
    }
}
