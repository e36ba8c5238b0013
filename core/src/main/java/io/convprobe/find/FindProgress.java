package io.convprobe.find;

import io.convprobe.search.ArchAggregate;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * A line per observation: the network and its rung, the accuracy, the best so far, the budget spent
 * and (when trainings ran in this session) the time left at this session's seconds per epoch.
 */
final class FindProgress {
    private final PrintWriter out;
    private final List<ArchAggregate> population;
    private final Schedule plan;
    private final String unit;
    private final TrainingOracle training;

    FindProgress(PrintWriter out, List<ArchAggregate> population, Schedule plan, String unit, TrainingOracle training) {
        this.out = out;
        this.population = population;
        this.plan = plan;
        this.unit = unit;
        this.training = training;
    }

    void step(GuidedSearch.Step s) {
        String at = plan.rungs()[plan.rungs().length - 1] == 1 ? "" : String.format(Locale.ROOT, " @%d", s.bestEpochs());
        out.printf(Locale.ROOT, "[%d] %-6s a%d%s: %.2f %%   best a%d %.2f %%%s   spent %d of %d %s%s%n", s.step(),
                s.phase(), population.get(s.network()).id(), s.rung() == 0 && plan.rungs()[0] == 1 && at.isEmpty() ? ""
                        : String.format(Locale.ROOT, " (%d ep)", s.epochs()), s.accuracy(),
                population.get(s.best()).id(), s.bestAccuracy(), at, s.spent(), plan.cost(), unit, eta(s));
        out.flush();
    }

    void refit(GuidedSearch.Refit f) {
        out.printf(Locale.ROOT, "  refit on %d: %s%s%n", f.trained(), f.label(), Double.isNaN(f.cvSpearman()) ? ""
                : String.format(Locale.ROOT, " (cv ρ %.3f)", f.cvSpearman()));
        out.flush();
    }

    private String eta(GuidedSearch.Step s) {
        if (training == null || training.trainedEpochs() == 0) {
            return "";
        }
        double left = (plan.cost() - s.spent()) * training.trainSeconds() / training.trainedEpochs();
        long sec = Math.round(left);
        return String.format(Locale.ROOT, "   ETA %dm%02ds", sec / 60, sec % 60);
    }
}
