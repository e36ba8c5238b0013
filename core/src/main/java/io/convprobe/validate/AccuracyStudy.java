package io.convprobe.validate;

import io.convprobe.UserException;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.RankScore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A validate study on accuracies measured elsewhere ({@code validate RUN --accuracies FILE}): the
 * user's own trainings or a benchmark table stand in for training, and everything after training
 * (every score's statistics, the combined score, the verdict, {@code --apply}) runs unchanged. The
 * networks of the screen that the file has an accuracy for are the study; {@code count} draws a
 * stratified subset of them (as a training study would) to see what a smaller study would say.
 * Nothing trains, so nothing needs resuming: the study is recomputed from the file every time.
 */
public final class AccuracyStudy {
    /**
     * @param count at most this many of the matched networks, stratified across the ranking (null: all)
     * @param name  the study's directory in the run (null: {@code validate-<file name>})
     */
    public record Request(Path run, Path accuracies, String column, RankScore by, Integer count, long seed,
            int resamples, String name) {}

    private AccuracyStudy() {}

    public static Study.Outcome run(Request r, PrintWriter out) {
        Study.Screen screen = Study.Screen.of(r.run(), r.by());
        List<ArchAggregate> full = screen.full();
        String score = screen.defaultBy();
        Accuracies acc = Accuracies.read(r.accuracies(), r.column());
        Accuracies.Matched m = acc.match(full);
        if (m.archs().size() < Selection.ALWAYS_TOP) {
            throw new UserException("--accuracies " + r.accuracies() + ": only " + m.archs().size() + " of its "
                    + acc.byKey().size() + " networks are among the " + full.size() + " " + screen.noun() + " of "
                    + r.run() + (m.unmatchedExamples().isEmpty() ? "" : " (not screened, e.g. "
                            + String.join(", ", m.unmatchedExamples()) + ")") + "; a study needs at least "
                    + Selection.ALWAYS_TOP + " (screen them first: convprobe search --archs FILE)");
        }
        List<ArchAggregate> ranking = Selection.ranking(full, score);
        Map<Long, Integer> rankOf = Selection.ranks(ranking);
        Map<Long, Double> accOf = new HashMap<>();
        for (int i = 0; i < m.archs().size(); i++) {
            accOf.put(m.archs().get(i).id(), m.accuracy()[i]);
        }
        List<ArchAggregate> pool = ranking.stream().filter(a -> accOf.containsKey(a.id())).toList();
        int count = r.count() == null ? pool.size() : r.count();
        if (count < Selection.ALWAYS_TOP) {
            throw new UserException("--count must be at least " + Selection.ALWAYS_TOP + ", got " + count);
        }
        List<StudyAnalysis.Trained> trained = new ArrayList<>();
        for (int p : Selection.stratified(pool.size(), count, r.seed())) {
            ArchAggregate a = pool.get(p);
            trained.add(new StudyAnalysis.Trained(a, rankOf.get(a.id()), a.spec(), accOf.get(a.id())));
        }
        String study = r.name() != null ? r.name() : StudyFiles.PREFIX + "-"
                + stem(r.accuracies()).replaceAll("[^A-Za-z0-9.-]+", "_");
        if (!study.startsWith(StudyFiles.PREFIX)) {
            throw new UserException("--name " + study + ": a study's name starts with '" + StudyFiles.PREFIX
                    + "' (so convprobe report finds it)");
        }
        Path studyDir = r.run().resolve(study);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("by", score);
        settings.put("count", r.count());
        settings.put("seed", r.seed());
        settings.put("accuracies", r.accuracies().toAbsolutePath().normalize().toString());
        settings.put("column", acc.column());
        settings.put("rows", acc.rows());
        settings.put("matched", m.archs().size());
        out.printf(Locale.ROOT, "validate %s: accuracies from %s (column %s%s): %d of its %d networks are among the %,d %s"
                + "%s; %d in the study, stratified by %s; study %s%n", r.run(), r.accuracies(), acc.column(),
                acc.scaled() ? ", fractions scaled to percent" : "", m.archs().size(), acc.byKey().size(), full.size(),
                screen.noun(), m.unmatched() == 0 ? "" : " (" + m.unmatched() + " not screened, e.g. "
                        + String.join(", ", m.unmatchedExamples()) + ")", trained.size(), score, studyDir);
        if (acc.repeated() > 0) {
            out.printf(Locale.ROOT, "%d networks are listed more than once: each gets the mean of its accuracies%n",
                    acc.repeated());
        }
        trained.sort(java.util.Comparator.comparingInt(StudyAnalysis.Trained::screenRank));
        StudyReport report = StudyAnalysis.analyse(r.run().toAbsolutePath().normalize().getFileName().toString(), study,
                score, settings, full, trained.size(), trained, r.seed(), r.resamples());
        StudyFiles.write(studyDir, report);
        out.flush();
        return new Study.Outcome(studyDir, report, full);
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
