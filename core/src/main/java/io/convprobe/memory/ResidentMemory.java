package io.convprobe.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * This process's resident memory (JVM heap, libtorch's arrays, everything mapped and touched), from
 * {@code /proc/self} on Linux; -1 elsewhere.
 */
public final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path STATM = Path.of("/proc/self/statm");
    private static long pageSize; // 0: not known yet; -1: no /proc

    private ResidentMemory() {}

    /** Peak resident set size in bytes ({@code VmHWM}), or -1 where the system does not say. */
    public static long peakBytes() {
        return field("VmHWM:");
    }

    /**
     * Current resident set size in bytes, or -1. Read from {@code statm} (one short line; a budget
     * checks it once per batch), in pages of the size {@code status} implies.
     */
    public static long currentBytes() {
        long page = pageSize();
        if (page <= 0) {
            return page == 0 ? field("VmRSS:") : -1;
        }
        long pages = statmResidentPages();
        return pages < 0 ? -1 : pages * page;
    }

    private static synchronized long pageSize() {
        if (pageSize == 0) {
            long rss = field("VmRSS:");
            long pages = statmResidentPages();
            if (rss <= 0 || pages <= 0) {
                pageSize = -1;
            } else {
                // the page size is a power of two: the one nearest RSS / pages (both read within microseconds)
                long p = Long.highestOneBit(Math.max(1, rss / pages));
                pageSize = rss / pages - p > p / 2 ? p << 1 : p;
            }
        }
        return pageSize;
    }

    private static FileChannel statm; // kept open: a budget reads it once per batch
    private static final ByteBuffer STATM_LINE = ByteBuffer.allocate(128);

    /**
     * The second field of {@code statm}, read again from offset 0 of a channel kept open: 3–5 µs a
     * read here, against 25–50 µs to open, read and close it (about 0.15–0.35 s of a 130-network sweep
     * that checks its budget per batch).
     */
    private static synchronized long statmResidentPages() {
        try {
            if (statm == null) {
                statm = FileChannel.open(STATM, StandardOpenOption.READ);
            }
            STATM_LINE.clear();
            statm.read(STATM_LINE, 0);
            return secondField(STATM_LINE.array(), STATM_LINE.position());
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux
        }
    }

    /** The second space-separated number of {@code line[0, length)}; -1 if there is none. */
    static long secondField(byte[] line, int length) {
        int i = 0;
        while (i < length && line[i] != ' ') {
            i++;
        }
        while (i < length && line[i] == ' ') {
            i++;
        }
        long v = 0;
        int digits = 0;
        for (; i < length && line[i] >= '0' && line[i] <= '9'; i++, digits++) {
            v = v * 10 + (line[i] - '0');
        }
        return digits == 0 ? -1 : v;
    }

    private static long field(String name) {
        try {
            for (String l : Files.readAllLines(STATUS)) {
                if (l.startsWith(name)) {
                    return Long.parseLong(l.substring(name.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
