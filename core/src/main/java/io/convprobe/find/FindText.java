package io.convprobe.find;

import java.util.Locale;

/** The lines {@code find} ends with: what it found, and how far that can be trusted. */
public final class FindText {
    private FindText() {}

    public static String closing(Find.Outcome o) {
        GuidedSearch.Result r = o.result();
        if (Double.isNaN(r.winnerAccuracy())) {
            return "found nothing: the last rung's trainings diverged (their loss stopped being finite); try a lower "
                    + "--lr\n";
        }
        int[] counts = o.schedule().counts();
        boolean table = "networks".equals(o.unit());
        String found = String.format(Locale.ROOT, "found a%d %s: %.2f %%%s, for %d of %s %s (%d of %,d networks %s%s)",
                o.winner().id(), o.winner().spec(), r.winnerAccuracy(), table ? "" : " after " + r.winnerEpochs()
                        + " epochs", r.spent(), Budget.fmt(o.schedule().budget()), o.unit(), counts[0],
                o.population().size(), table ? "revealed" : "trained", table ? ""
                        : String.format(Locale.ROOT, "; %d epochs trained in this session", o.trainedNow()));
        double rho = r.lastCvSpearman();
        String trust;
        if (r.refits().isEmpty()) {
            trust = "the budget covered only the seed set, so the predictor never chose a network: the winner is the best"
                    + " of a stratified sample of the screen's ranking";
        } else if (Double.isNaN(rho)) {
            trust = "too few trainings to cross-validate the predictor: its picks followed the screen's ranking";
        } else {
            GuidedSearch.Refit last = r.refits().get(r.refits().size() - 1);
            int[] rungs = o.schedule().rungs();
            String target = table || rungs.length == 1 ? "" : String.format(Locale.ROOT, " (their %s after %d epoch%s)",
                    o.score() == RungScore.TSE ? "summed training loss" : "accuracy", rungs[0], rungs[0] == 1 ? "" : "s");
            trust = String.format(Locale.ROOT, "the %s ranked the %d networks it was fitted on%s with "
                    + "out-of-sample ρ %.2f%s; the winner is the best of those %s, not a guarantee over all %,d",
                    model(last.label()), last.trained(), target, rho, rho < 0.3 ? " (weak: its picks were little better than the "
                            + "screen's ranking)" : "", table ? "revealed" : "trained", o.population().size());
        }
        return found + "\n" + trust + "\n";
    }

    /** One line (the demo's last): the trained winner, what it cost, and how far the predictor can be trusted. */
    public static String oneLine(Find.Outcome o) {
        GuidedSearch.Result r = o.result();
        if (Double.isNaN(r.winnerAccuracy())) {
            return "found nothing: the last rung's trainings diverged; try a lower --lr";
        }
        int trained = o.schedule().counts()[0];
        double rho = r.lastCvSpearman();
        String trust = r.refits().isEmpty() ? "the budget covered only the seed set: the best of a stratified sample"
                : Double.isNaN(rho) ? "too few trainings to cross-validate the predictor"
                : String.format(Locale.ROOT, "%s, out-of-sample ρ %.2f on %d trained%s",
                        model(r.refits().get(r.refits().size() - 1).label()), rho,
                        r.refits().get(r.refits().size() - 1).trained(),
                        trained < 20 ? " (tentatively: few trained; the noise of one training is not measured: "
                                + "validate --seeds 2)" : "");
        return String.format(Locale.ROOT, "found a%d %s: %.2f %% after %d epochs, the best of %d of %,d networks trained "
                + "for %d of %s %s — %s", o.winner().id(), o.winner().spec(), r.winnerAccuracy(), r.winnerEpochs(),
                trained, o.population().size(), r.spent(), Budget.fmt(o.schedule().budget()), o.unit(), trust);
    }

    /** The predictor's model in words: "prior" means the trainings did not beat the screen's own ranking. */
    static String model(String label) {
        return label.equals("prior") ? "predictor kept the screen's ranking (the trainings did not clearly beat it)"
                : "predictor (" + label + ")";
    }
}
