package io.convprobe.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.convprobe.UserException;
import io.convprobe.arch.SpecFormat;
import io.convprobe.data.Dataset;
import io.convprobe.data.Datasets;
import io.convprobe.data.Split;
import io.convprobe.data.Subset;
import io.convprobe.nn.EngineThreads;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.ArchStatus;
import io.convprobe.search.Fitness;
import io.convprobe.search.RankScore;
import io.convprobe.search.ResultStore;
import io.convprobe.search.RunResults;
import io.convprobe.train.RunSummary;
import io.convprobe.train.TrainConfig;
import io.convprobe.train.Training;
import io.convprobe.validate.CombinedScore;
import io.convprobe.validate.ProxyMetrics;
import io.convprobe.validate.ProxyStats;
import io.convprobe.validate.Selection;
import io.convprobe.validate.StudyAnalysis;
import io.convprobe.validate.StudyFiles;
import io.convprobe.validate.StudyReport;
import io.convprobe.validate.Verdict;
import io.convprobe.validate.Widen;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code convprobe validate SEARCH_RUN}: does the screen predict training? Trains a sample of the
 * search's architectures stratified across its ranking (the top 3 always in), with the same code
 * as {@code convprobe train}, and measures every stored proxy (and a leave-one-out combination)
 * against the trained accuracies. A study lives in {@code SEARCH_RUN/validate[-...]} and resumes
 * like an experiment matrix: finished trainings are skipped, an interrupted one continues from its
 * checkpoint.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Train a sample of a search's architectures, stratified across the screen's ranking",
            "(its top 3 always in), and measure how well every stored proxy predicts the trained accuracy:",
            "Spearman ρ and Kendall τ with bootstrap 95 %% intervals, top-10 %% precision, regret of the top 5,",
            "partial ρ given parameter count, and a combined score (ridge regression on proxy ranks,",
            "reported by leave-one-out). Writes SEARCH_RUN/<study>/validate.json and validate.csv;",
            "convprobe report picks them up. Re-running the same command resumes: finished trainings are kept."},
        footer = {"", "Examples:",
            "  convprobe validate runs/screen --count 30 --epochs 10 --lr 2e-3 --augment crop-flip",
            "  convprobe validate runs/screen --count 10 --channels 128 --epochs 5     # study 'validate-c128'",
            "  convprobe validate runs/screen --apply     # write the combined score; then search/report --rank-by combined"})
public final class ValidateCommand implements Callable<Integer>, TakesGradients {
    static final String STUDY_FILE = "study.json";

    @Parameters(index = "0", paramLabel = "SEARCH_RUN", description = "A search run directory (results.db).")
    Path run;

    @Option(names = "--count", defaultValue = "30", paramLabel = "N", description = "Architectures to train (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--by", paramLabel = "SCORE", description = "Score whose ranking the sample is stratified on (default: "
            + RankScore.DEFAULT_HELP + ").")
    String by; // null: RankScore.defaultFor(the search's architectures), resolved in call()

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the sample, the bootstrap, the "
            + "training subset and the trainings (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per training (default 10).")
    Integer epochs;

    @Option(names = "--max-inputs", paramLabel = "N", description = "Training budget in images instead of epochs.")
    Long maxInputs;

    @Option(names = "--optimizer", defaultValue = "adamw", paramLabel = "NAME", description = "sgd, adam, adamw (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "2e-3", paramLabel = "RATE", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--schedule", defaultValue = "cosine", paramLabel = "NAME", description = "constant, step, cosine (default ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N", description = "Training batch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--augment", defaultValue = "none", paramLabel = "AUG", description = "none, crop-flip, trivialwide, erasing; '+' combines (default ${DEFAULT-VALUE}).")
    String augment;

    @Option(names = "--channels", paramLabel = "C", description = "Train a widened copy of each architecture: every conv with C channels.")
    Integer channels;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Training data (default: the search's dataset).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Look here first for dataset files.")
    Path dataDir;

    @Option(names = "--train-size", paramLabel = "N", description = "Train on a fixed seeded, class-stratified subset of N training images (default: all).")
    Integer trainSize;

    @Option(names = "--test-size", paramLabel = "N", description = "Validate on the first N test images (default: the whole test split).")
    Integer testSize;

    @Option(names = "--resamples", defaultValue = "" + ProxyStats.DEFAULT_RESAMPLES, paramLabel = "B",
            description = "Bootstrap resamples for the intervals (default ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--from", paramLabel = "STUDY", description = "Draw the sample from another study's trained "
            + "architectures in this run (e.g. --from validate --channels 128: some of the same networks, widened), "
            + "stratified across their screen ranks, top 3 always in.")
    String from;

    @Option(names = "--name", paramLabel = "STUDY", description = "Study directory inside SEARCH_RUN (default validate, "
            + "validate-c<C> with --channels, -<dataset> with --dataset).")
    String name;

    @Option(names = "--limit", paramLabel = "K", description = "Train at most K architectures in this session, then "
            + "report on the finished ones (re-run to continue).")
    Integer limit;

    @Option(names = "--apply", description = "Write the combined score as proxy 'combined' of every fully tested "
            + "architecture of the search and print the new ranking (then --rank-by combined works).")
    boolean apply;

    @Option(names = "--fitness-weight", defaultValue = "0.3", paramLabel = "W", description = "Throughput weight of the ranking printed by --apply (default ${DEFAULT-VALUE}).")
    double fitnessWeight;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (default: the core count).")
    Integer threads;

    @Option(names = "--json", description = "Print the study's result (validate.json) instead of the table.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public boolean takesFloat32Gradients() {
        return true; // it trains the picks
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = cmd.commandLine().getOut();
        PrintWriter err = cmd.commandLine().getErr();
        if (count < Selection.ALWAYS_TOP) {
            throw new UserException("--count must be at least " + Selection.ALWAYS_TOP + ", got " + count);
        }
        if (epochs != null && maxInputs != null) {
            throw new UserException("give either --epochs or --max-inputs, not both");
        }
        if (threads != null) {
            EngineThreads.set(threads);
        }
        RunResults results = ResultStore.read(run, ProbeSettings.PUBLISHED.throughputWeight());
        List<ArchAggregate> full = results.archs().stream().filter(a -> a.status() == ArchStatus.FULL).toList();
        if (RankScore.stored(full).isEmpty()) {
            throw new UserException(run + ": the search stored no proxy scores (it ran before proxies existed, or with "
                    + "none); screen again with convprobe search --proxies LIST into a new --run, then validate that run");
        }
        if (full.size() < Selection.ALWAYS_TOP) {
            throw new UserException(run + ": only " + full.size() + " fully tested architectures; a study needs at least "
                    + Selection.ALWAYS_TOP);
        }
        String score = by == null ? RankScore.defaultFor(full) : by.trim();
        by = score; // the resolved score is what the study stores and prints
        if (full.stream().noneMatch(a -> Double.isFinite(RankScore.of(a, score)))) {
            throw new UserException("--by " + score + ": " + run + " has no score '" + score + "' (available: "
                    + String.join(", ", RankScore.available(full)) + ")");
        }
        String searchDataset = String.valueOf(results.config().get("dataset"));
        String trainDataset = dataset != null ? dataset : searchDataset;
        String study = name != null ? name : StudyFiles.PREFIX + (channels != null ? "-c" + channels : "")
                + (dataset != null && !dataset.equals(searchDataset) ? "-" + dataset.replaceAll("[^A-Za-z0-9.-]+", "_") : "");
        if (!study.startsWith(StudyFiles.PREFIX)) {
            throw new UserException("--name " + study + ": a study's name starts with '" + StudyFiles.PREFIX
                    + "' (so convprobe report finds it)");
        }
        Path studyDir = run.resolve(study);
        List<ArchAggregate> ranking = Selection.ranking(full, score);
        Map<String, Object> settings = settings(trainDataset);
        List<Long> ids = plan(studyDir, settings, ranking);
        Map<Long, Integer> rankOf = new LinkedHashMap<>();
        for (int i = 0; i < ranking.size(); i++) {
            rankOf.put(ranking.get(i).id(), i + 1);
        }
        Map<Long, ArchAggregate> byId = full.stream().collect(Collectors.toMap(ArchAggregate::id, a -> a));
        List<ArchAggregate> picks = new ArrayList<>();
        for (long id : ids) {
            ArchAggregate a = byId.get(id);
            if (a == null) {
                throw new UserException(studyDir.resolve(STUDY_FILE) + " names architecture " + id
                        + ", which is not fully tested in " + run);
            }
            picks.add(a);
        }
        out.printf(Locale.ROOT, "validate %s: %d of %,d fully tested architectures, stratified across the ranking by %s "
                + "(top %d always in), trained on %s%s; study %s%n", run, picks.size(), full.size(), score,
                Selection.ALWAYS_TOP, trainDataset, channels != null ? " at " + channels + " channels" : "", studyDir);
        List<StudyAnalysis.Trained> trained = train(out, err, studyDir, picks, rankOf, trainDataset);
        if (trained.size() < 3) {
            out.printf("%d of %d trainings finished: too few to measure anything yet; re-run to continue%n",
                    trained.size(), picks.size());
            out.flush();
            return 0;
        }
        StudyReport report = StudyAnalysis.analyse(run.toAbsolutePath().normalize().getFileName().toString(), study,
                score, settings, full, picks.size(), trained, seed, resamples);
        StudyFiles.write(studyDir, report);
        if (json) {
            out.println(Files.readString(studyDir.resolve(StudyFiles.JSON)));
        } else {
            out.print(table(report));
            out.printf("results: %s, %s%n", studyDir.resolve(StudyFiles.JSON), studyDir.resolve(StudyFiles.CSV));
        }
        if (apply) {
            applyCombined(out, report, full);
        }
        if (!json) {
            out.println(report.verdict());
        }
        out.flush();
        return 0;
    }

    /** Everything that makes two sessions the same study (stored in study.json, compared on resume). */
    private Map<String, Object> settings(String trainDataset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by", by.trim());
        m.put("from", from);
        m.put("count", count);
        m.put("seed", seed);
        m.put("dataset", trainDataset);
        m.put("train_size", trainSize);
        m.put("test_size", testSize);
        m.put("channels", channels);
        m.put("epochs", maxInputs == null ? (epochs == null ? TrainConfig.DEFAULT_EPOCHS : epochs) : null);
        m.put("max_inputs", maxInputs);
        m.put("optimizer", optimizer);
        m.put("lr", lr);
        m.put("schedule", schedule);
        m.put("batch_size", batchSize);
        m.put("augment", augment);
        return m;
    }

    /** The study's architecture ids: chosen now and stored, or read back from an earlier session. */
    private List<Long> plan(Path studyDir, Map<String, Object> settings, List<ArchAggregate> ranking) throws IOException {
        Path file = studyDir.resolve(STUDY_FILE);
        Map<String, Object> now = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(settings),
                new TypeReference<LinkedHashMap<String, Object>>() {});
        if (Files.isRegularFile(file)) {
            Map<String, Object> stored = Json.MAPPER.readValue(file.toFile(),
                    new TypeReference<LinkedHashMap<String, Object>>() {});
            @SuppressWarnings("unchecked")
            Map<String, Object> old = (Map<String, Object>) stored.get("settings");
            List<String> diff = new ArrayList<>();
            for (String k : now.keySet()) {
                if (!Objects.equals(String.valueOf(old.get(k)), String.valueOf(now.get(k)))) {
                    diff.add(k.replace('_', ' ') + " " + old.get(k) + " ≠ " + now.get(k));
                }
            }
            if (!diff.isEmpty()) {
                throw new UserException(studyDir + " was started with other settings: " + String.join(", ", diff)
                        + " (stored ≠ given); use the original flags, or --name for another study");
            }
            return ((List<?>) stored.get("archs")).stream().map(o -> ((Number) o).longValue()).toList();
        }
        List<ArchAggregate> pool = ranking;
        if (from != null) {
            Path other = run.resolve(from).resolve(STUDY_FILE);
            if (!Files.isRegularFile(other)) {
                throw new UserException("--from " + from + ": " + other + " not found (run that study first)");
            }
            List<Long> theirs = ((List<?>) Json.MAPPER.readValue(other.toFile(),
                    new TypeReference<LinkedHashMap<String, Object>>() {}).get("archs")).stream()
                    .map(o -> ((Number) o).longValue()).toList();
            pool = ranking.stream().filter(a -> theirs.contains(a.id())).toList(); // keeps the ranking's order
        }
        int[] pos = Selection.stratified(pool.size(), count, seed);
        List<Long> ids = new ArrayList<>();
        for (int p : pos) {
            ids.add(pool.get(p).id());
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("settings", now);
        doc.put("archs", ids);
        Files.createDirectories(studyDir);
        Path tmp = Files.createTempFile(studyDir, STUDY_FILE, ".tmp");
        Files.writeString(tmp, Json.write(doc));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return ids;
    }

    private TrainConfig config(ArchAggregate a, String trainDataset) {
        String model = channels == null ? a.spec() : SpecFormat.toCompact(Widen.to(SpecFormat.parse(a.spec()), channels));
        Integer e = maxInputs == null ? (epochs == null ? TrainConfig.DEFAULT_EPOCHS : epochs) : null;
        return new TrainConfig(model, trainDataset, dataDir == null ? null : dataDir.toString(), e, maxInputs, optimizer,
                lr, null, null, null, null, null, null, batchSize, schedule, null, null, null, augment, null, seed, 0);
    }

    private List<StudyAnalysis.Trained> train(PrintWriter out, PrintWriter err, Path studyDir, List<ArchAggregate> picks,
            Map<Long, Integer> rankOf, String trainDataset) {
        List<StudyAnalysis.Trained> trained = new ArrayList<>();
        try (Dataset base = Datasets.open(trainDataset, dataDir, null)) {
            Dataset ds = base;
            if (trainSize != null) {
                if (trainSize < 1 || trainSize > base.size(Split.TRAIN)) {
                    throw new UserException("--train-size " + trainSize + ": dataset " + base.name() + " has "
                            + base.size(Split.TRAIN) + " training images");
                }
                ds = Subset.random(ds, Split.TRAIN, trainSize, seed, true);
            }
            if (testSize != null) {
                ds = Subset.first(ds, Split.TEST, testSize);
            }
            int perEpoch = ds.size(Split.TRAIN);
            long each = maxInputs != null ? maxInputs : (long) (epochs == null ? TrainConfig.DEFAULT_EPOCHS : epochs) * perEpoch;
            StudyProgress progress = new StudyProgress(out, err, each * picks.size());
            int started = 0;
            int skipped = 0;
            // spread across the ranking at every point, so a study stopped early is still stratified
            // (directories keep the picks' ascending numbering: a resumed study finds its trainings)
            for (int i : io.convprobe.validate.Selection.trainingOrder(picks.size())) {
                ArchAggregate a = picks.get(i);
                TrainConfig c = config(a, trainDataset);
                Path dir = studyDir.resolve("train").resolve(String.format(Locale.ROOT, "%03d-a%d", i + 1, a.id()));
                RunSummary done = Training.finishedSummary(dir);
                if (done == null) {
                    if (limit != null && started >= limit) {
                        progress.finishedEarlier(0);
                        continue;
                    }
                    started++;
                    out.printf(Locale.ROOT, "%n[%d/%d] screen rank %d of %,d by %s (%s %s): %s%n", i + 1, picks.size(),
                            rankOf.get(a.id()), rankOf.size(), by.trim(), by.trim(),
                            fmt(RankScore.of(a, by.trim())), c.model());
                    out.flush();
                    int k = i;
                    Main.ON_INTERRUPT.set(() -> "interrupted: finished trainings and epochs are kept in " + studyDir
                            + " (training " + (k + 1) + " of " + picks.size() + " resumes from its checkpoint); "
                            + "re-run the same command to continue");
                    progress.begin(perEpoch);
                    done = new Training(c, ds, dir, progress).run(true);
                    progress.end(each);
                } else {
                    skipped++;
                    progress.finishedEarlier(each);
                }
                trained.add(new StudyAnalysis.Trained(a, rankOf.get(a.id()), c.model(), 100 * done.valAccuracy()));
            }
            if (skipped > 0) {
                out.printf("%d of %d trainings were finished in an earlier session and kept%n", skipped, picks.size());
            }
            trained.sort(java.util.Comparator.comparingInt(StudyAnalysis.Trained::screenRank)); // display order
        }
        return trained;
    }

    private void applyCombined(PrintWriter out, StudyReport report, List<ArchAggregate> full) {
        Map<Long, Double> combined = StudyAnalysis.apply(report, full);
        try (ResultStore store = ResultStore.openForSearch(run)) {
            store.putProxy(CombinedScore.NAME, combined);
        }
        RunResults again = ResultStore.read(run, fitnessWeight);
        List<ArchAggregate> top = Fitness.top(Fitness.score(again.archs(), fitnessWeight, CombinedScore.NAME), 10);
        out.printf(Locale.ROOT, "%n--apply: wrote proxy '%s' for %,d architectures of %s; top %d by fitness = "
                + "norm(combined) + %s * norm(throughput):%n", CombinedScore.NAME, combined.size(), run, top.size(),
                fitnessWeight);
        TextTable t = new TextTable("spec", "combined", "throughput", "probe accuracy");
        for (ArchAggregate a : top) {
            t.row(a.spec(), fmt(RankScore.of(a, CombinedScore.NAME)), String.format(Locale.ROOT, "%.0f", a.throughput()),
                    String.format(Locale.ROOT, "%.2f %%", a.accuracy()));
        }
        out.print(t.render());
        out.printf("rank the search by it: convprobe search ... --rank-by %s, convprobe report %s --rank-by %s%n",
                CombinedScore.NAME, run, CombinedScore.NAME);
    }

    /** The terminal table: one row per score, best ρ first. */
    static String table(StudyReport r) {
        TextTable t = new TextTable("score", "n", "Spearman ρ [95 % CI]", "Kendall τ [95 % CI]", "top-10 % prec.",
                "regret top-5", "partial ρ | params");
        for (ProxyMetrics m : r.proxies()) {
            t.row(m.proxy() + (m.proxy().equals(CombinedScore.NAME) ? " (LOO)" : ""), Integer.toString(m.n()),
                    coef(m.spearman()) + " " + m.spearmanCi(), coef(m.kendall()) + " " + m.kendallCi(),
                    Double.isFinite(m.topPrecision()) ? String.format(Locale.ROOT, "%.0f %% (k=%d)",
                            100 * m.topPrecision(), m.topK()) : "–",
                    Double.isFinite(m.regret()) ? String.format(Locale.ROOT, "%.2f pts", m.regret()) : "–",
                    coef(m.partialSpearman()));
        }
        return String.format(Locale.ROOT, "%nproxies vs trained accuracy (%d architectures trained, %s):%n",
                r.archs().size(), r.trainingLabel()) + t.render();
    }

    /** One line for the demo: every score's ρ and interval, and the verdict's recommendation. */
    static String oneLine(StudyReport r) {
        String scores = r.proxies().stream().map(m -> m.proxy() + " " + coef(m.spearman()) + " " + m.spearmanCi())
                .collect(Collectors.joining(", "));
        // the same rule as the verdict: a best score whose interval reaches 0 is not yet a recommendation
        boolean reliable = r.proxies().stream().filter(m -> m.proxy().equals(r.recommended())).findFirst()
                .map(m -> m.spearmanCi().known() && m.spearmanCi().lo() > 0).orElse(false);
        String advice = !r.beatsSize() ? "no score beats " + r.recommended() + "; do not trust the screen's ranking"
                : !reliable ? "best so far " + r.recommended() + ", but its interval includes 0: with " + r.archs().size()
                        + " trained no score is reliably better than chance (run validate on more)"
                : "trust " + r.recommended() + (r.archs().size() < Verdict.SMALL_N ? " (tentatively: few trained)" : "");
        return String.format(Locale.ROOT, "proxies vs training (Spearman ρ [95 %% CI], n = %d): %s — %s", r.archs().size(),
                scores, advice);
    }

    private static String coef(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "–";
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v != 0) ? String.format(Locale.ROOT, "%.4g", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }
}
