package io.convprobe.find;

import io.convprobe.Interrupts;
import io.convprobe.UserException;
import io.convprobe.predict.Features;
import io.convprobe.search.ArchAggregate;
import io.convprobe.train.TrainProgress;
import io.convprobe.train.Training;
import io.convprobe.validate.Accuracies;
import io.convprobe.validate.Study;
import io.convprobe.validate.StudyPlan;
import io.convprobe.validate.StudyPredictor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code convprobe find}: from a finished screen and a training budget to the best trained network
 * ({@link GuidedSearch} over the screen's networks, the predictor fitted on their scores, their
 * architecture and the trainings so far). The store is {@code RUN/find/}: the trainings in {@code
 * train/<id>/}, {@code trajectory.csv} and {@code find.json}; re-running the same command replays the
 * decisions and trains nothing twice, another configuration is refused. With accuracies measured
 * elsewhere (a benchmark table) nothing trains: the cost is the networks revealed.
 */
public final class Find {
    public static final String DIR = "find";
    public static final int DEFAULT_SEED_SET = 8;
    /** Networks trained between two refits: small enough to steer, large enough that fits stay cheap. */
    public static final int BATCH = 4;

    /**
     * @param budget   {@code --budget}: cost units (epochs; networks with accuracies) or a percentage
     * @param score    what ranks networks below the last rung (ignored with accuracies: one rung)
     * @param training validate's training settings (epochs R, optimizer, data, …; its seed is the trainings')
     */
    public record Request(Path run, String budget, long seed, int seedSet, RungScore score, Path accuracies, String column,
            Study.Request training) {}

    /** What the search found; {@code population} indexes the result's networks; {@code score} ranked the rungs below the last. */
    public record Outcome(Path dir, Schedule schedule, String unit, List<ArchAggregate> population,
            GuidedSearch.Result result, int trainedNow, RungScore score) {
        public ArchAggregate winner() {
            return population.get(result.winner());
        }
    }

    private Find() {}

    public static Outcome run(Request r, PrintWriter out, PrintWriter err) {
        Path run = r.run();
        if (!Files.isDirectory(run)) {
            throw new UserException(run + ": no such screen (run convprobe search --run " + run + " first)");
        }
        Budget budget = Budget.parse(r.budget());
        Study.Screen screen = Study.Screen.of(run, null);
        List<ArchAggregate> full = screen.full();
        if (full.isEmpty()) {
            throw new UserException(run + ": the screen has no " + screen.noun() + " to search");
        }
        List<Features> all = StudyPredictor.features(full, screen.defaultBy());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("by", screen.defaultBy());
        settings.put("budget", budget.toString());
        settings.put("seed", r.seed());
        settings.put("seed_set", r.seedSet());
        List<ArchAggregate> population;
        List<Features> rows = new ArrayList<>();
        Oracle oracle;
        TrainingOracle training = null;
        if (r.accuracies() != null) {
            Accuracies acc = Accuracies.read(r.accuracies(), r.column());
            Accuracies.Matched m = acc.match(full);
            if (m.archs().isEmpty()) {
                throw new UserException("--accuracies " + r.accuracies() + ": none of its networks is among the "
                        + full.size() + " " + screen.noun() + " of " + run);
            }
            population = m.archs();
            oracle = Oracle.table(m.accuracy());
            settings.put("accuracies", r.accuracies().toAbsolutePath().normalize().toString());
            settings.put("column", acc.column());
        } else {
            population = full;
            String trainDataset = r.training().dataset() != null ? r.training().dataset() : screen.dataset();
            settings.putAll(StudyPlan.settings(r.training(), screen.defaultBy(), trainDataset));
            settings.remove("count");
            settings.remove("from");
            settings.put("rung_score", r.score().label());
            training = new TrainingOracle(r.training(), full, trainDataset, run.resolve(DIR).resolve("train"),
                    epochBar(err));
            oracle = training;
        }
        Map<Long, Features> byId = new LinkedHashMap<>();
        all.forEach(f -> byId.put(f.id(), f));
        population.forEach(a -> rows.add(byId.get(a.id())));
        int epochs = oracle.fullEpochs();
        Schedule plan = Schedule.fit(population.size(), epochs, budget.units((double) population.size() * epochs),
                r.seedSet(), BATCH);
        settings.put("rungs", java.util.Arrays.stream(plan.rungs()).boxed().toList());
        Path dir = run.resolve(DIR);
        FindFiles.begin(dir, settings);
        out.printf(Locale.ROOT, "find %s: %,d %s ranked by %s; %s%n", run, population.size(), screen.noun(),
                screen.defaultBy(), plan.describe(oracle.unit()));
        out.flush();
        FindProgress progress = new FindProgress(out, population, plan, oracle.unit(), training);
        Interrupts.say(() -> "interrupted: the finished epochs of every training are kept in " + dir.resolve("train")
                + "; re-run the same command to continue (nothing is trained twice)");
        GuidedSearch.Result result;
        RungScore score = r.accuracies() != null ? RungScore.ACCURACY : r.score();
        try {
            result = GuidedSearch.run(rows, oracle, plan, r.seed(), score, new GuidedSearch.Listener() {
                private final List<GuidedSearch.Step> steps = new ArrayList<>();

                @Override
                public void step(GuidedSearch.Step s) {
                    steps.add(s);
                    FindFiles.trajectory(dir, population, steps);
                    progress.step(s);
                }

                @Override
                public void refit(GuidedSearch.Refit f) {
                    progress.refit(f);
                }
            });
        } finally {
            if (training != null) {
                training.close();
            }
        }
        Outcome o = new Outcome(dir, plan, oracle.unit(), population, result,
                training == null ? 0 : training.trainedEpochs(), score);
        FindFiles.finish(dir, settings, o);
        return o;
    }

    /** A training's epoch bar on {@code err} (on a terminal only); the find's own line reports each step. */
    private static Training.Listener epochBar(PrintWriter err) {
        TrainProgress bar = new TrainProgress(err, err);
        boolean terminal = System.console() != null;
        return new Training.Listener() {
            @Override
            public void batch(int epoch, int epochs, int done, int batches, double loss, double accuracy, double ips) {
                bar.batch(epoch, epochs, done, batches, loss, accuracy, ips);
            }

            @Override
            public void epochEnd(io.convprobe.train.EpochMetrics m, int epochs, boolean best) {
                if (terminal) {
                    err.print("\r\033[K");
                    err.flush();
                }
            }
        };
    }
}
