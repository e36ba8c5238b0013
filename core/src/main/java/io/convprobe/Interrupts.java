package io.convprobe;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What an interruption reports: a long-running step (a search, a study's training) says here what
 * is saved and how to go on; the command line prints it on Ctrl-C, and a kill (SIGTERM) prints it
 * from a shutdown hook. Lives below {@code cli} so the library's long steps can set it.
 */
public final class Interrupts {
    /** What Ctrl-C reports; a long-running step sets it to say what is saved and how to go on. */
    public static final AtomicReference<Supplier<String>> MESSAGE = new AtomicReference<>(() -> "interrupted (Ctrl-C)");

    /** Set once the interruption has been reported, so shutdown hooks do not report it again. */
    public static final AtomicBoolean REPORTED = new AtomicBoolean();

    private Interrupts() {}

    /** Sets what an interruption reports from now on. */
    public static void say(Supplier<String> message) {
        MESSAGE.set(message);
    }

    /**
     * Runs {@code body} with {@code message} as the interruption's report, also on a kill: a JVM
     * shut down while {@code body} runs (every committed trial is already durable, the one in flight
     * is rolled back by SQLite) prints it once on {@code err}.
     */
    public static <T> T reporting(Supplier<String> message, PrintStream err, Supplier<T> body) {
        say(message);
        Thread hook = new Thread(() -> {
            if (REPORTED.compareAndSet(false, true)) { // kill (SIGTERM): Ctrl-C reports in Main
                err.printf("%nconvprobe: %s%n", message.get());
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it reports the interruption
            }
        }
    }
}
