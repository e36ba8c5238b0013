package io.convprobe.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory (JVM heap + native arrays), from {@code /proc/self/status} on Linux. */
public final class ResidentMemory {
    private ResidentMemory() {}

    /** Peak resident set size in bytes ({@code VmHWM}), or -1 where the system does not say. */
    public static long peakBytes() {
        return field("VmHWM:");
    }

    /** Current resident set size in bytes ({@code VmRSS}), or -1. */
    public static long currentBytes() {
        return field("VmRSS:");
    }

    private static long field(String name) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
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
