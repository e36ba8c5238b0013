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

        long malloc_usable_size(Pointer p);
    }

    /**
     * Whether glibc served {@code p} (asked for {@code size}, a multiple of 4 KiB) with mmap: an
     * mmapped chunk is rounded up to whole pages (usable = size + 4 KiB − 16), a heap chunk to 16
     * bytes (usable = size + 8). Unlike mallinfo2's counters, other threads' allocations cannot
     * disturb it.
     */
    private static boolean mmapped(Glibc c, Pointer p, long size) {
        return c.malloc_usable_size(p) - size >= 1024;
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
        // glibc's default threshold (128 KiB, adapting up to 32 MiB) would mmap this block; below a
        // budget's threshold (a search earlier in this JVM may have set one) it stays in the heap
        assertThat(NativeMemory.mmapFrom(NativeMemory.loose())).isTrue(); // a governor earlier in this JVM may have lowered it
        long size = Math.min(16L << 20, NativeMemory.loose() / 2);
        Pointer p = c.malloc(size);
        try {
            assertThat(p).isNotNull();
            assertThat(mmapped(c, p, size)).as("mmapped").isFalse();
        } finally {
            c.free(p);
        }
    }

    @Test
    void aBudgetsLowThresholdIsItsTwoHundredFiftySixthAndGlibcTakesIt() {
        assertThat(NativeMemory.mmapThreshold(1L << 30)).isEqualTo(4L << 20);
        assertThat(NativeMemory.mmapThreshold(100L << 20)).isEqualTo(1L << 20);
        assertThat(NativeMemory.mmapThreshold(64L << 30)).isEqualTo(NativeMemory.MMAP_THRESHOLD);
        assumeTrue(plainGlibcLinux() && NativeMemory.tune(), "glibc Linux without the user's own malloc settings");
        // glibc accepts the threshold; whether a block is then mmapped also depends on the free heap
        // (a free chunk or the top serves a request first), so the effect is measured by
        // tools/bench-memory.sh, not asserted here
        long before = NativeMemory.threshold();
        try {
            assertThat(NativeMemory.mmapFrom(NativeMemory.mmapThreshold(2L << 30))).isTrue();
            assertThat(NativeMemory.threshold()).isEqualTo(8L << 20);
        } finally {
            NativeMemory.mmapFrom(before);
        }
    }

    @Test
    void aTimingRunsAtTheHighThresholdAndTheBudgetsComesBackAfterIt() {
        assumeTrue(plainGlibcLinux() && NativeMemory.tune(), "glibc Linux without the user's own malloc settings");
        long before = NativeMemory.threshold();
        try {
            NativeMemory.mmapFrom(4L << 20);
            long during = NativeMemory.withHeapBlocks(NativeMemory::threshold);
            assertThat(during).isEqualTo(NativeMemory.loose());
            assertThat(NativeMemory.threshold()).isEqualTo(4L << 20);
        } finally {
            NativeMemory.mmapFrom(before);
        }
    }

    @Test
    void tuningIsAppliedOnceAndReportsTheSameOutcome() {
        boolean first = NativeMemory.tune();
        assertThat(NativeMemory.tune()).isEqualTo(first);
    }
}
