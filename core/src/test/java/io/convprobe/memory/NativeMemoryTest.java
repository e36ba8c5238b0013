package io.convprobe.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {
    /** glibc's {@code struct mallinfo2} (glibc 2.33+): ten size_t counters. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    public static class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
    }

    interface Glibc extends Library {
        MallInfo2 mallinfo2();

        Pointer malloc(long size);

        void free(Pointer p);
    }

    private static boolean plainGlibcLinux() {
        return System.getProperty("os.name").toLowerCase().startsWith("linux") && !NativeMemory.userConfigured();
    }

    @Test
    void afterTuningA16MegabyteBlockComesFromTheHeapNotFromMmap() {
        assumeTrue(plainGlibcLinux(), "glibc Linux without the user's own malloc settings");
        Glibc c;
        try {
            c = Native.load("c", Glibc.class);
            c.mallinfo2();
        } catch (UnsatisfiedLinkError e) {
            assumeTrue(false, "glibc before 2.33 has no mallinfo2");
            return;
        }
        assertThat(NativeMemory.tune()).isTrue();
        long mmapped = c.mallinfo2().hblks;
        // glibc's default threshold (128 KiB, adapting up to 32 MiB) would mmap this block; below a
        // budget's threshold (a search earlier in this JVM may have set one) it stays in the heap
        long size = NativeMemory.boundedThreshold() > 0 ? NativeMemory.boundedThreshold() / 2 : 16L << 20;
        Pointer p = c.malloc(size);
        try {
            assertThat(p).isNotNull();
            assertThat(c.mallinfo2().hblks).as("mmapped blocks").isEqualTo(mmapped);
        } finally {
            c.free(p);
        }
    }

    @Test
    void aBudgetMmapsBlocksFromItsTwoHundredFiftySixthUp() {
        assertThat(NativeMemory.mmapThreshold(1L << 30)).isEqualTo(4L << 20);
        assertThat(NativeMemory.mmapThreshold(100L << 20)).isEqualTo(1L << 20);
        assertThat(NativeMemory.mmapThreshold(64L << 30)).isEqualTo(NativeMemory.MMAP_THRESHOLD);
        assumeTrue(plainGlibcLinux(), "glibc Linux without the user's own malloc settings");
        Glibc c;
        try {
            c = Native.load("c", Glibc.class);
            c.mallinfo2();
        } catch (UnsatisfiedLinkError e) {
            assumeTrue(false, "glibc before 2.33 has no mallinfo2");
            return;
        }
        NativeMemory.bound(2L << 30); // 8 MiB, or a smaller threshold already set: the smallest budget wins
        long t = NativeMemory.boundedThreshold();
        assertThat(t).isPositive().isLessThanOrEqualTo(8L << 20);
        long mmapped = c.mallinfo2().hblks;
        Pointer big = c.malloc(t + (1L << 20));
        try {
            assertThat(c.mallinfo2().hblks).as("a block above the threshold is mmapped").isEqualTo(mmapped + 1);
        } finally {
            c.free(big);
        }
        NativeMemory.bound(64L << 30); // a larger budget later does not raise it
        assertThat(NativeMemory.boundedThreshold()).isEqualTo(t);
    }

    @Test
    void tuningIsAppliedOnceAndReportsTheSameOutcome() {
        boolean first = NativeMemory.tune();
        assertThat(NativeMemory.tune()).isEqualTo(first);
    }
}
