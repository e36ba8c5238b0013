package io.convprobe.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    private static long statmResidentPages() {
        try {
            String[] f = Files.readString(STATM).trim().split("\\s+");
            return Long.parseLong(f[1]);
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux
        }
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
