package io.convprobe.spark;

import io.convprobe.probe.ArchProber;
import io.convprobe.search.ProberRecipe;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The probers of one executor JVM, built lazily and kept for the JVM's lifetime: the PyTorch engine,
 * the allocator tuning ({@code nn.NativeMemory}) and the probe images are set up by the first task
 * of each core slot and reused by every later task (a task borrows an idle prober and gives it back;
 * a prober is single-threaded, so two concurrent tasks get two). A different recipe (another
 * search in the same JVM, as in tests) closes the idle probers of the old one.
 */
final class ExecutorProbers {
    private record Key(ProberRecipe recipe, int threads) {}

    private static final Map<Key, Deque<ArchProber>> IDLE = new HashMap<>();
    private static int built;

    private ExecutorProbers() {}

    /** An idle prober for the recipe, or a new one. */
    static ArchProber borrow(ProberRecipe recipe, int threads) {
        Key key = new Key(recipe, threads);
        List<ArchProber> stale = new ArrayList<>();
        synchronized (ExecutorProbers.class) {
            IDLE.entrySet().removeIf(e -> {
                if (e.getKey().equals(key)) {
                    return false;
                }
                stale.addAll(e.getValue());
                return true;
            });
            ArchProber p = IDLE.computeIfAbsent(key, k -> new ArrayDeque<>()).poll();
            if (p != null) {
                closeAll(stale);
                return p;
            }
            built++;
        }
        closeAll(stale);
        // Executors never download: the native library comes with the job jar (or PYTORCH_LIBRARY_PATH).
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        return recipe.build(threads); // outside the lock: loading images takes a while
    }

    /** Returns a prober after a task that completed normally. */
    static void giveBack(ProberRecipe recipe, int threads, ArchProber prober) {
        synchronized (ExecutorProbers.class) {
            IDLE.computeIfAbsent(new Key(recipe, threads), k -> new ArrayDeque<>()).push(prober);
        }
    }

    /** Probers built in this JVM so far (tests: one per slot, not one per task). */
    static synchronized int built() {
        return built;
    }

    private static void closeAll(List<ArchProber> probers) {
        probers.forEach(ArchProber::close);
    }
}
