package io.convprobe.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * How much memory this process may use on its machine: the physical memory, or the container's
 * limit where it is lower (cgroup v2 {@code memory.max}, v1 {@code memory.limit_in_bytes}), as a
 * Spark executor in a YARN or Kubernetes container sees it. The parsers take the files' text, so
 * they are tested without the files.
 */
public final class MachineMemory {
    private MachineMemory() {}

    /** Bytes this process may use; the JVM's own view ({@code OperatingSystemMXBean}) where /proc is missing. */
    public static long available() {
        OptionalLong ram = read(Path.of("/proc/meminfo")).stream().mapToLong(MachineMemory::memTotal)
                .filter(v -> v > 0).findFirst();
        long total = ram.isPresent() ? ram.getAsLong() : jvmView();
        for (Path limit : new Path[] {Path.of("/sys/fs/cgroup/memory.max"),
                Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes")}) {
            for (String text : read(limit)) {
                long v = cgroupLimit(text);
                if (v > 0 && v < total) {
                    total = v;
                }
            }
        }
        return total;
    }

    /** {@code MemTotal} of {@code /proc/meminfo}'s text in bytes, or -1. */
    static long memTotal(String meminfo) {
        for (String l : meminfo.split("\n")) {
            if (l.startsWith("MemTotal:")) {
                String[] f = l.substring("MemTotal:".length()).trim().split("\\s+");
                return Long.parseLong(f[0]) * (f.length > 1 && f[1].equalsIgnoreCase("kB") ? 1024 : 1);
            }
        }
        return -1;
    }

    /** A cgroup limit file's value in bytes; -1 for none ({@code max}, or v1's "unlimited" 2⁶³ rounded to pages). */
    static long cgroupLimit(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.equals("max")) {
            return -1;
        }
        try {
            long v = Long.parseLong(t);
            return v >= (1L << 60) ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static java.util.List<String> read(Path p) {
        try {
            return java.util.List.of(Files.readString(p));
        } catch (IOException | RuntimeException e) {
            return java.util.List.of();
        }
    }

    private static long jvmView() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory() * 4; // a guess nobody should reach: the heap is a quarter by default
    }
}
