package io.convprobe.nn;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU and the instruction-set cap oneDNN (inside libtorch) runs under. oneDNN reads
 * {@code ONEDNN_MAX_CPU_ISA}, then {@code DNNL_MAX_CPU_ISA}, once, when libtorch first runs a
 * kernel — not when the library loads — so a process can still set it in its own C environment
 * ({@code setenv}) before its first convolution: {@link #capForGradients()} does that for the
 * processes that take float32 gradients (the command line decides per command, before anything
 * runs; Surefire and the Spark executors get it from their environment). A user's own setting
 * always wins. {@link GradientCheck} checks the effect (docs/design.md, "Gradients and the CPU's instruction sets").
 */
public final class CpuIsa {
    /** The variables oneDNN reads, in its order of precedence. */
    public static final String[] VARIABLES = {"ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA"};
    /** The cap convprobe sets: the one measured exact (float32 gradients matching PyTorch, bitwise repeatable) on an AVX-512 CPU where AVX2 and AVX512_CORE were not (docs/design.md). */
    public static final String CAP = "AVX";
    /** Set by the launcher beside the cap, so a child process (the Python reference) can drop it. */
    public static final String MARKER = "CONVPROBE_SET_ISA";

    private static String cappedHere; // the value this process set with setenv (System.getenv() cannot see it)

    private CpuIsa() {}

    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /**
     * Caps oneDNN at {@link #CAP} in this process's C environment unless a cap is already in force
     * (the user's, or one set before); returns whether it set one. Takes effect only if libtorch has
     * not run a oneDNN kernel yet: call it before the engine computes anything. Where {@code setenv}
     * is not reachable (not glibc/POSIX) nothing is set and {@link GradientCheck} decides.
     */
    public static synchronized boolean capForGradients() {
        if (inForce(System.getenv()) != null || cappedHere != null) {
            return false;
        }
        try {
            LibC c = Native.load("c", LibC.class);
            if (c.setenv("DNNL_MAX_CPU_ISA", CAP, 0) == 0) {
                cappedHere = CAP;
                return true;
            }
        } catch (Throwable e) {
            // no libc setenv here: the self-check will say what to set
        }
        return false;
    }

    /** The cap in force in this process ({@code NAME=VALUE}), or null for none. */
    public static synchronized String inForce() {
        String env = inForce(System.getenv());
        return env != null ? env : cappedHere == null ? null : "DNNL_MAX_CPU_ISA=" + cappedHere;
    }

    /** The setting in force, e.g. {@code DNNL_MAX_CPU_ISA=AVX (set by convprobe)} or {@code none (...)}. */
    public static synchronized String setting() {
        if (inForce(System.getenv()) == null && cappedHere != null) {
            return "DNNL_MAX_CPU_ISA=" + cappedHere + " (set by convprobe)";
        }
        return setting(System.getenv());
    }

    static String inForce(Map<String, String> env) {
        for (String v : VARIABLES) {
            String value = env.get(v);
            if (value != null && !value.isBlank()) {
                return v + "=" + value;
            }
        }
        return null;
    }

    static String setting(Map<String, String> env) {
        String v = inForce(env);
        if (v == null) {
            return "none (oneDNN uses every instruction set of the CPU)";
        }
        boolean ours = "1".equals(env.get(MARKER)) && v.startsWith("DNNL_MAX_CPU_ISA=");
        return v + (ours ? " (set by convprobe)" : " (set by the user)");
    }

    /**
     * {@code env} without the cap convprobe set for libtorch (the user's own setting stays): for
     * child processes such as the Python reference, which must run as the user would run it.
     */
    public static void dropOwnCap(Map<String, String> env) {
        if ("1".equals(env.remove(MARKER))) {
            env.remove("DNNL_MAX_CPU_ISA");
        }
    }

    /** Whether the CPU has AVX-512 (the {@code avx512f} flag in /proc/cpuinfo); false where unknown. */
    public static boolean hasAvx512() {
        return cpuinfo().contains(" avx512f");
    }

    /** The CPU's model name from /proc/cpuinfo, or the OS architecture where there is none. */
    public static String cpuModel() {
        for (String line : cpuinfo().split("\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
                int colon = line.indexOf(':');
                return line.substring(colon + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    /**
     * The CPU's vector instruction-set flags that decide which kernels oneDNN runs ({@code fma},
     * {@code avx*}, {@code amx*} from /proc/cpuinfo), sorted, comma-separated; empty where unknown.
     */
    public static String isaFlags() {
        for (String line : cpuinfo().split("\n")) {
            if (line.startsWith("flags")) {
                return java.util.Arrays.stream(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
                        .filter(f -> f.equals("fma") || f.startsWith("avx") || f.startsWith("amx"))
                        .sorted().distinct().collect(java.util.stream.Collectors.joining(","));
            }
        }
        return "";
    }

    private static String cpuinfo() {
        return CpuInfo.TEXT;
    }

    /** /proc/cpuinfo, read once (the CPU does not change while we run; every search's timing key asks). */
    private static final class CpuInfo {
        static final String TEXT = read();

        private static String read() {
            try {
                return Files.readString(Path.of("/proc/cpuinfo"));
            } catch (IOException | RuntimeException e) {
                return ""; // not Linux: nothing to report, the self-check still decides
            }
        }
    }
}
