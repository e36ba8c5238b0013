package io.convprobe.validate;

import io.convprobe.train.TrainingSignals;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The training-time scores of a study's trained networks ({@link TrainingSignals}: −TSE over the
 * first epoch and the first rung, validation accuracy after epoch 1), each measured against the
 * trained accuracy like a screening score ({@link ProxyStats}, the same bootstrap draws) and priced
 * as a fraction of the full training.
 */
final class TrainingScores {
    private TrainingScores() {}

    /** One row per training-time score, best ρ first; empty when no training's epochs are known. */
    static List<StudyReport.TrainingScore> of(List<StudyAnalysis.Trained> trained, double[] truth, double[] params,
            long seed, int resamples) {
        Set<String> names = new LinkedHashSet<>();
        TrainingSignals any = null;
        for (StudyAnalysis.Trained t : trained) {
            if (t.signals() != null) {
                names.addAll(t.signals().scores().keySet());
                any = any == null ? t.signals() : any;
            }
        }
        List<StudyReport.TrainingScore> out = new ArrayList<>();
        for (String name : names) {
            double[] s = trained.stream().mapToDouble(t -> t.signals() == null ? Double.NaN
                    : t.signals().scores().getOrDefault(name, Double.NaN)).toArray();
            out.add(new StudyReport.TrainingScore(name, TrainingSignals.epochsOf(name), any.cost(name),
                    ProxyStats.of(name, s, truth, params, seed, resamples)));
        }
        out.sort((a, b) -> StudyAnalysis.BEST_FIRST.compare(a.stats(), b.stats()));
        return out;
    }
}
