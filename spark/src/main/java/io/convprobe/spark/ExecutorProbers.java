package io.convprobe.spark;

import io.convprobe.cells.CellProber;
import io.convprobe.cells.CellRecipe;
import io.convprobe.probe.ArchProber;
import io.convprobe.search.ProberRecipe;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The probers of one executor JVM, built lazily and kept for the JVM's lifetime: the PyTorch engine,
 * the allocator tuning ({@code memory.NativeMemory}) and the process's memory budget ({@code memory.MemoryGovernor}, resolved in the executor's own container) and the probe images are set up by the first task
 * of each core slot and reused by every later task (a task borrows an idle prober and gives it back;
 * a prober is single-threaded, so two concurrent tasks get two). Chain searches key them by their
 * {@link ProberRecipe}, cell screens by their {@link CellRecipe} (one per fidelity). A different
 * recipe (another search in the same JVM, as in tests, or the next rung of a halving screen) closes
 * the idle probers of the old one.
 */
final class ExecutorProbers {
    private record Key(Object recipe, int threads) {}

    private static final Map<Key, Deque<AutoCloseable>> IDLE = new HashMap<>();
    private static int built;

    private ExecutorProbers() {}

    /** An idle chain prober for the recipe, or a new one. */
    static ArchProber borrow(ProberRecipe recipe, int threads) {
        return borrow(recipe, threads, ArchProber.class, () -> recipe.build(threads));
    }

    /** An idle cell prober for the recipe, or a new one. */
    static CellProber borrow(CellRecipe recipe, int threads) {
        return borrow(recipe, threads, CellProber.class, () -> recipe.build(threads));
    }

    private static <P extends AutoCloseable> P borrow(Object recipe, int threads, Class<P> type, Supplier<P> build) {
        Key key = new Key(recipe, threads);
        List<AutoCloseable> stale = new ArrayList<>();
        synchronized (ExecutorProbers.class) {
            IDLE.entrySet().removeIf(e -> {
                if (e.getKey().equals(key)) {
                    return false;
                }
                stale.addAll(e.getValue());
                return true;
            });
            AutoCloseable p = IDLE.computeIfAbsent(key, k -> new ArrayDeque<>()).poll();
            if (p != null) {
                closeAll(stale);
                return type.cast(p);
            }
            built++;
        }
        closeAll(stale);
        // Executors never download: the native library comes with the job jar (or PYTORCH_LIBRARY_PATH).
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        return build.get(); // outside the lock: loading images takes a while
    }

    /** Returns a prober after a task that completed normally. */
    static void giveBack(Object recipe, int threads, AutoCloseable prober) {
        synchronized (ExecutorProbers.class) {
            IDLE.computeIfAbsent(new Key(recipe, threads), k -> new ArrayDeque<>()).push(prober);
        }
    }

    /** Probers built in this JVM so far (tests: one per slot, not one per task). */
    static synchronized int built() {
        return built;
    }

    private static void closeAll(List<AutoCloseable> probers) {
        for (AutoCloseable p : probers) {
            try {
                p.close();
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }
    }
}
