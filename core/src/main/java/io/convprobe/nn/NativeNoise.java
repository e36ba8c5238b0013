package io.convprobe.nn;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Keeps libtorch's harmless native warnings off the user's terminal. libtorch writes straight to
 * file descriptor 2 (not through Java), e.g. {@code [W1124 21:06:56.63 NNPACK.cpp:57] Could not
 * initialize NNPACK! Reason: Unsupported hardware.} on CPUs without NNPACK support, and a
 * deprecation note for {@code AutoNonVariableTypeMode} from DJL's JNI layer. No environment variable
 * or DJL setting silences them.
 *
 * <p>{@link #install()} points fd 2 at a pipe read by a daemon thread that drops known-harmless
 * libtorch warning lines and forwards everything else unchanged, while Java's own
 * {@code System.err} is re-pointed at the original stderr, so our one-line errors and progress bars
 * never wait on the filter. POSIX only; elsewhere (and if anything fails) it does nothing.
 */
public final class NativeNoise {
    /** c10's log prefix, e.g. {@code [W1124 21:06:56.636187670 NNPACK.cpp:57] }. */
    private static final Pattern HARMLESS = Pattern.compile(
            "^\\[W\\d{4} [\\d:.]+ [^\\]]+\\] (Could not initialize NNPACK|Warning: AutoNonVariableTypeMode is deprecated).*");

    private static volatile boolean installed;

    private NativeNoise() {}

    interface LibC extends Library {
        int pipe(int[] fds);

        int dup(int fd);

        int dup2(int from, int to);

        long read(int fd, byte[] buf, long n);

        long write(int fd, byte[] buf, long n);
    }

    /** True for a native stderr line we drop. */
    static boolean harmless(String line) {
        return HARMLESS.matcher(line).matches();
    }

    public static synchronized void install() {
        if (installed || System.getProperty("os.name", "").toLowerCase().startsWith("windows")
                || Boolean.getBoolean("convprobe.rawStderr")) {
            return;
        }
        try {
            LibC c = Native.load("c", LibC.class);
            int original = c.dup(2);
            int[] fds = new int[2];
            if (original < 0 || c.pipe(fds) != 0 || c.dup2(fds[1], 2) < 0) {
                return;
            }
            System.setErr(new PrintStream(new FdStream(c, original), true, StandardCharsets.UTF_8));
            Thread t = new Thread(() -> pump(c, fds[0], original), "native-stderr-filter");
            t.setDaemon(true);
            t.start();
            installed = true;
        } catch (Throwable e) {
            // No libc through JNA: leave stderr alone, noise is better than a failed start.
        }
    }

    private static void pump(LibC c, int in, int out) {
        byte[] buf = new byte[8192];
        StringBuilder line = new StringBuilder();
        long n;
        while ((n = c.read(in, buf, buf.length)) > 0) {
            line.append(new String(buf, 0, (int) n, StandardCharsets.UTF_8));
            int nl;
            while ((nl = line.indexOf("\n")) >= 0) {
                String l = line.substring(0, nl + 1);
                line.delete(0, nl + 1);
                if (!harmless(l.stripTrailing())) {
                    byte[] b = l.getBytes(StandardCharsets.UTF_8);
                    c.write(out, b, b.length);
                }
            }
            if (line.length() > 0 && line.charAt(0) != '[') { // not a c10 log line: pass on at once
                byte[] b = line.toString().getBytes(StandardCharsets.UTF_8);
                c.write(out, b, b.length);
                line.setLength(0);
            }
        }
    }

    /** An OutputStream onto a raw file descriptor. */
    private static final class FdStream extends OutputStream {
        private final LibC c;
        private final int fd;

        FdStream(LibC c, int fd) {
            this.c = c;
            this.fd = fd;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            byte[] chunk = off == 0 && len == b.length ? b : java.util.Arrays.copyOfRange(b, off, off + len);
            int done = 0;
            while (done < len) {
                byte[] rest = done == 0 ? chunk : java.util.Arrays.copyOfRange(chunk, done, len);
                long w = c.write(fd, rest, rest.length);
                if (w <= 0) {
                    return;
                }
                done += (int) w;
            }
        }
    }
}
