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
        // glibc's default threshold (128 KiB, adapting up to 32 MiB) would mmap this block
        Pointer p = c.malloc(16L << 20);
        try {
            assertThat(p).isNotNull();
            assertThat(c.mallinfo2().hblks).as("mmapped blocks").isEqualTo(mmapped);
        } finally {
            c.free(p);
        }
    }

    @Test
    void tuningIsAppliedOnceAndReportsTheSameOutcome() {
        boolean first = NativeMemory.tune();
        assertThat(NativeMemory.tune()).isEqualTo(first);
    }
}
