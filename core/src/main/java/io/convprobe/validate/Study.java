package io.convprobe.validate;

import io.convprobe.UserException;
import io.convprobe.cells.CellRanking;
import io.convprobe.cells.CellScreen;
import io.convprobe.cells.CellSearch;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.ArchStatus;
import io.convprobe.search.Fitness;
import io.convprobe.search.RankScore;
import io.convprobe.search.ResultStore;
import io.convprobe.search.RunResults;
import io.convprobe.train.Recipe;
import io.convprobe.train.TrainConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A validate study on a search run: plans a sample of its fully tested architectures stratified
 * across the screen's ranking ({@link StudyPlan}), trains them with the same code as {@code
 * convprobe train} (finished trainings are kept, an interrupted one continues from its checkpoint),
 * measures every stored proxy against the trained accuracies ({@link StudyAnalysis}) and writes the
 * study's files. {@link #applyCombined} writes the combined score and the learned predictor back into the search's
 * store.
 */
public final class Study {
    /**
     * A study, typed: what {@code validate}'s flags (or the demo) ask for.
     *
     * @param by   the score whose ranking is stratified; null: the search's default ({@link RankScore#defaultFor})
     * @param name the study's directory in the run; null: {@code validate}, {@code -c<C>}, {@code -<dataset>}
     */
    public record Request(Path run, int count, RankScore by, long seed, Integer epochs, Long maxInputs, String optimizer,
            Double lr, String schedule, Integer batchSize, String augment, Integer channels, String dataset, Path dataDir,
            Integer trainSize, Integer testSize, int resamples, String from, String name, Integer limit, String recipe,
            String normalize) {
        /**
         * Unset training settings take the recipe's values ({@link Recipe}, e.g. {@code nb201}), or without one
         * validate's defaults (AdamW, lr 2e-3, cosine, batch 64, no augmentation); given ones win.
         */
        public Request {
            Recipe rc = recipe == null ? null : Recipe.of(recipe);
            recipe = rc == null ? null : rc.name();
            optimizer = optimizer != null ? optimizer : rc != null ? rc.optimizer() : "adamw";
            lr = lr != null ? lr : rc != null ? rc.lr() : 2e-3;
            schedule = schedule != null ? schedule : rc != null ? rc.schedule() : "cosine";
            batchSize = batchSize != null ? batchSize : rc != null ? rc.batchSize() : 64;
            augment = augment != null ? augment : rc != null ? rc.augment() : "none";
            normalize = normalize != null ? normalize : rc != null ? rc.normalize() : null;
        }

        /** Without a recipe or input normalisation. */
        public Request(Path run, int count, RankScore by, long seed, Integer epochs, Long maxInputs, String optimizer,
                double lr, String schedule, int batchSize, String augment, Integer channels, String dataset, Path dataDir,
                Integer trainSize, Integer testSize, int resamples, String from, String name, Integer limit) {
            this(run, count, by, seed, epochs, maxInputs, optimizer, lr, schedule, batchSize, augment, channels, dataset,
                    dataDir, trainSize, testSize, resamples, from, name, limit, null, null);
        }

        public int epochsOrDefault() {
            return epochs == null ? TrainConfig.DEFAULT_EPOCHS : epochs;
        }
    }

    /**
     * The screen a study samples: its fully tested architectures (a cell screen's full-fidelity
     * networks, {@link CellScreen#networks}), its dataset, the score it ranks by when none is named,
     * and what its members are called in the text.
     */
    public record Screen(List<ArchAggregate> full, String dataset, String defaultBy, String noun) {
        /** A finished screen read back (a chain search's results.db or a cell screen's cells.db), ranked by {@code by} (null: its default). */
        public static Screen of(Path run, RankScore by) {
            if (CellScreen.is(run) && !Files.exists(run.resolve(ResultStore.DB_FILE))) {
                CellScreen cells = CellScreen.read(run);
                String score = by == null ? cells.defaultRank() : by.name();
                for (String m : CellRanking.members(score)) {
                    if (!cells.scoreNames().contains(m)) {
                        throw new UserException("--by " + score + ": " + run + " has no score '" + m + "' (available: "
                                + String.join(", ", cells.scoreNames()) + ", or a rank average such as "
                                + CellSearch.DEFAULT_RANK + ")");
                    }
                }
                return new Screen(cells.networks(score), cells.dataset(), score, "full-fidelity cell networks");
            }
            RunResults results = ResultStore.read(run, ProbeSettings.PUBLISHED.throughputWeight());
            List<ArchAggregate> full = results.archs().stream().filter(a -> a.status() == ArchStatus.FULL).toList();
            if (RankScore.stored(full).isEmpty()) {
                throw new UserException(run + ": the search stored no proxy scores (it ran before proxies existed, or with "
                        + "none); screen again with convprobe search --proxies LIST into a new --run, then validate that run");
            }
            String score = by == null ? RankScore.defaultFor(full) : by.name();
            if (full.stream().noneMatch(a -> Double.isFinite(RankScore.of(a, score)))) {
                throw new UserException("--by " + score + ": " + run + " has no score '" + score + "' (available: "
                        + String.join(", ", RankScore.available(full)) + ")");
            }
            return new Screen(full, String.valueOf(results.config().get("dataset")), score, "fully tested architectures");
        }
    }

    /**
     * What a session of the study leaves: the report (null while fewer than 3 trainings are finished)
     * and the search's fully tested architectures.
     */
    public record Outcome(Path studyDir, StudyReport report, List<ArchAggregate> full) {}

    private Study() {}

    /** Plans, trains (resuming) and analyses; progress lines go to {@code out}, epoch bars to {@code err}. */
    public static Outcome run(Request r, PrintWriter out, PrintWriter err) throws IOException {
        return run(r, Seeds.ONE, out, err);
    }

    /** As {@link #run(Request, PrintWriter, PrintWriter)}, training (some of) the picks with {@code seeds} seeds. */
    public static Outcome run(Request r, Seeds seeds, PrintWriter out, PrintWriter err) throws IOException {
        if (r.count() < Selection.ALWAYS_TOP) {
            throw new UserException("--count must be at least " + Selection.ALWAYS_TOP + ", got " + r.count());
        }
        if (r.epochs() != null && r.maxInputs() != null) {
            throw new UserException("give either --epochs or --max-inputs, not both");
        }
        Path run = r.run();
        Screen screen = Screen.of(run, r.by());
        List<ArchAggregate> full = screen.full();
        if (full.size() < Selection.ALWAYS_TOP) {
            throw new UserException(run + ": only " + full.size() + " " + screen.noun() + "; a study needs at least "
                    + Selection.ALWAYS_TOP);
        }
        String score = screen.defaultBy();
        String searchDataset = screen.dataset();
        String trainDataset = r.dataset() != null ? r.dataset() : searchDataset;
        String study = r.name() != null ? r.name() : StudyFiles.PREFIX + (r.channels() != null ? "-c" + r.channels() : "")
                + (r.dataset() != null && !r.dataset().equals(searchDataset)
                        ? "-" + r.dataset().replaceAll("[^A-Za-z0-9.-]+", "_") : "");
        if (!study.startsWith(StudyFiles.PREFIX)) {
            throw new UserException("--name " + study + ": a study's name starts with '" + StudyFiles.PREFIX
                    + "' (so convprobe report finds it)");
        }
        Path studyDir = run.resolve(study);
        List<ArchAggregate> ranking = Selection.ranking(full, score);
        Map<String, Object> settings = StudyPlan.settings(r, score, trainDataset);
        List<Long> ids = StudyPlan.ids(r, studyDir, settings, ranking);
        Map<Long, Integer> rankOf = Selection.ranks(ranking);
        Map<Long, ArchAggregate> byId = full.stream().collect(Collectors.toMap(ArchAggregate::id, a -> a));
        List<ArchAggregate> picks = new ArrayList<>();
        for (long id : ids) {
            ArchAggregate a = byId.get(id);
            if (a == null) {
                throw new UserException(studyDir.resolve(StudyPlan.FILE) + " names architecture " + id
                        + ", which is not fully tested in " + run);
            }
            picks.add(a);
        }
        out.printf(Locale.ROOT, "validate %s: %d of %,d %s, stratified across the ranking by %s "
                + "(top %d always in), trained on %s%s; study %s%n", run, picks.size(), full.size(), screen.noun(), score,
                Selection.ALWAYS_TOP, trainDataset, r.channels() != null ? " at " + r.channels() + " channels" : "",
                studyDir);
        List<StudyAnalysis.Trained> trained = StudyTraining.train(r, seeds, out, err, studyDir, picks, rankOf,
                trainDataset, score);
        if (trained.size() < 3) {
            out.printf("%d of %d trainings finished: too few to measure anything yet; re-run to continue%n",
                    trained.size(), picks.size());
            out.flush();
            return new Outcome(studyDir, null, full);
        }
        StudyReport report = StudyAnalysis.analyse(run.toAbsolutePath().normalize().getFileName().toString(), study,
                score, settings, full, picks.size(), trained, r.seed(), r.resamples());
        StudyFiles.write(studyDir, report);
        return new Outcome(studyDir, report, full);
    }

    /**
     * Writes the combined score as proxy {@link CombinedScore#NAME} of every fully tested
     * architecture of the search, and the predictor's {@link StudyPredictor#NAME} (with its
     * {@link StudyPredictor#SPREAD}) when one was fitted; into a cell screen's {@code cells.db} as
     * scores at its fidelity. Returns how many and the new top 10 (a search: by fitness on it; a
     * cell screen: by it).
     */
    public static Applied applyCombined(Path run, StudyReport report, List<ArchAggregate> full, double fitnessWeight,
            long seed) {
        Map<Long, Double> combined = StudyAnalysis.apply(report, full);
        StudyPredictor.Predictions predicted = report.predictor() == null ? null
                : StudyPredictor.apply(report, full, seed);
        Map<String, Map<Long, Double>> derived = new LinkedHashMap<>();
        derived.put(CombinedScore.NAME, combined);
        if (predicted != null) {
            derived.put(StudyPredictor.NAME, predicted.value());
            Map<Long, Double> spread = new java.util.HashMap<>(predicted.spread());
            spread.values().removeIf(v -> !Double.isFinite(v));
            if (!spread.isEmpty()) {
                derived.put(StudyPredictor.SPREAD, spread);
            }
        }
        String by = predicted != null ? StudyPredictor.NAME : CombinedScore.NAME;
        if (CellScreen.is(run) && !Files.exists(run.resolve(ResultStore.DB_FILE))) {
            Map<Long, String> arch = full.stream().collect(Collectors.toMap(ArchAggregate::id, ArchAggregate::spec));
            Map<String, Map<String, Double>> byArch = new LinkedHashMap<>();
            derived.forEach((name, values) -> values.forEach((id, v) ->
                    byArch.computeIfAbsent(arch.get(id), k -> new LinkedHashMap<>()).put(name, v)));
            CellScreen.putDerived(run, byArch);
            CellScreen screen = CellScreen.read(run);
            Map<String, ArchAggregate> rows = screen.networks(null).stream()
                    .collect(Collectors.toMap(ArchAggregate::spec, a -> a));
            List<ArchAggregate> top = screen.ranked(by).stream().limit(10).map(r -> rows.get(r.arch())).toList();
            return new Applied(combined.size(), by, top, true);
        }
        try (ResultStore store = ResultStore.openForSearch(run)) {
            derived.forEach(store::putProxy);
        }
        RunResults again = ResultStore.read(run, fitnessWeight);
        return new Applied(combined.size(), by, Fitness.top(Fitness.score(again.archs(), fitnessWeight, by), 10), false);
    }

    /**
     * What {@link #applyCombined} wrote: the architectures scored and the new top (a search's by
     * fitness; a cell screen's, {@code cells}, by the score alone: it has no throughput).
     */
    public record Applied(int written, String rankedBy, List<ArchAggregate> top, boolean cells) {}
}
