package io.convprobe.spark;

import io.convprobe.arch.Nb201Notation;
import io.convprobe.cells.CellProber;
import io.convprobe.cells.CellRecipe;
import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * The executor side of a cell screen, one network per task: borrow this JVM's {@link CellProber}
 * for the recipe ({@link ExecutorProbers}), score trial 0 of the network with the same code the
 * local screen runs, return the trial (spec text in, a few numbers out).
 */
record CellTask(CellRecipe recipe, int threads) implements Function<CellTask.Work, CellTask.Outcome> {
    /**
     * One network: its position in the submitted list and its {@code nb201:} text; {@code failAttempts}
     * is a test hook (the first that many attempts fail; {@link Integer#MAX_VALUE}: every one).
     */
    record Work(int index, String spec, int failAttempts) implements Serializable {}

    /** The network's trial and the attempt that scored it. */
    record Outcome(String spec, CellProber.Trial trial, int attempt) implements Serializable {}

    @Override
    public Outcome call(Work work) {
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 0 : task.attemptNumber();
        if (attempt < work.failAttempts()) {
            throw new IllegalStateException("test hook: attempt " + attempt + " of network " + work.index() + " fails");
        }
        CellProber prober = ExecutorProbers.borrow(recipe, threads);
        boolean ok = false;
        try {
            CellProber.Trial t = prober.probe(Nb201Notation.parse(work.spec()), 0);
            ok = true;
            return new Outcome(work.spec(), t, attempt);
        } finally {
            if (ok) {
                ExecutorProbers.giveBack(recipe, threads, prober);
            } else {
                prober.close(); // its state is unknown after a failure
            }
        }
    }
}
