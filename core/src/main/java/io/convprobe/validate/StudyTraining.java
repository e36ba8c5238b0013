package io.convprobe.validate;

import io.convprobe.Interrupts;
import io.convprobe.UserException;
import io.convprobe.data.Dataset;
import io.convprobe.data.Datasets;
import io.convprobe.data.Split;
import io.convprobe.data.Subset;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.RankScore;
import io.convprobe.train.BatchLoader;
import io.convprobe.train.RunSummary;
import io.convprobe.train.TrainConfig;
import io.convprobe.train.TrainStore;
import io.convprobe.train.Training;
import io.convprobe.train.TrainingSignals;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A study's trainings: every pick with the study's seed in {@code STUDY/train/NNN-a<id>}, then (with
 * {@link Seeds}) the first picks in training order again with seed + 1, … in {@code
 * STUDY/train-seed2/…}; finished trainings are kept, an interrupted one continues from its
 * checkpoint. Each pick comes back with its accuracy per seed (every finished seed directory found
 * counts, also one trained in an earlier session with a larger {@code --seeds}) and the training-time
 * scores of its first training ({@link TrainingSignals}).
 */
public final class StudyTraining {
    private StudyTraining() {}

    /** The training config of {@code a} under the request's settings, with seed {@code r.seed() + seedIndex}. */
    public static TrainConfig config(Study.Request r, ArchAggregate a, String trainDataset, int seedIndex) {
        Integer e = r.maxInputs() == null ? r.epochsOrDefault() : null;
        return new TrainConfig(Widen.model(a.spec(), r.channels()), trainDataset,
                r.dataDir() == null ? null : r.dataDir().toString(), e, r.maxInputs(), r.optimizer(), r.lr(), null, null,
                null, null, null, null, r.batchSize(), r.schedule(), null, null, null, r.augment(), null,
                r.seed() + seedIndex, 0, r.recipe(), r.normalize());
    }

    static Path dir(Path studyDir, int seedIndex, int pick, ArchAggregate a) {
        return studyDir.resolve(Seeds.dir(seedIndex)).resolve(String.format(Locale.ROOT, "%03d-a%d", pick + 1, a.id()));
    }

    /** Trains the picks not finished yet (at most {@code limit} this session), spread across the ranking. */
    static List<StudyAnalysis.Trained> train(Study.Request r, Seeds seeds, PrintWriter out, PrintWriter err,
            Path studyDir, List<ArchAggregate> picks, Map<Long, Integer> rankOf, String trainDataset, String score) {
        int[] order = Selection.trainingOrder(picks.size());
        int extra = seeds.networks(picks.size());
        int known = Math.max(seeds.k(), seedsOnDisk(studyDir));
        double[][] acc = new double[picks.size()][known];
        Arrays.stream(acc).forEach(a -> Arrays.fill(a, Double.NaN));
        TrainingSignals[] signals = new TrainingSignals[picks.size()];
        try (Dataset ds = dataset(r, trainDataset)) {
            int perEpoch = ds.size(Split.TRAIN);
            long each = r.maxInputs() != null ? r.maxInputs() : (long) r.epochsOrDefault() * perEpoch;
            StudyProgress progress = new StudyProgress(out, err, each * (picks.size() + (long) extra * (seeds.k() - 1)));
            int started = 0;
            for (int s = 0; s < known; s++) {
                int skipped = 0;
                int planned = s == 0 ? picks.size() : s < seeds.k() ? extra : 0;
                // spread across the ranking at every point, so a study stopped early is still stratified
                // (directories keep the picks' ascending numbering: a resumed study finds its trainings)
                for (int j = 0; j < order.length; j++) {
                    int i = order[j];
                    ArchAggregate a = picks.get(i);
                    TrainConfig c = config(r, a, trainDataset, s);
                    Path dir = dir(studyDir, s, i, a);
                    RunSummary done = Training.finishedSummary(dir);
                    if (done == null && j < planned) {
                        if (r.limit() != null && started >= r.limit()) {
                            continue;
                        }
                        started++;
                        out.printf(Locale.ROOT, "%n[%d/%d%s] screen rank %d of %,d by %s (%s %s): %s%n", i + 1,
                                picks.size(), s == 0 ? "" : ", seed " + (s + 1) + " of " + seeds.k(), rankOf.get(a.id()),
                                rankOf.size(), score, score, StudyText.fmt(RankScore.of(a, score)), c.model());
                        out.flush();
                        int k = i;
                        String which = s == 0 ? "" : " of seed " + (s + 1);
                        Interrupts.say(() -> "interrupted: finished trainings and epochs are kept in " + studyDir
                                + " (training " + (k + 1) + " of " + picks.size() + which + " resumes from its "
                                + "checkpoint); re-run the same command to continue");
                        progress.begin(perEpoch);
                        done = new Training(c, ds, dir, progress).run(true);
                        progress.end(each);
                    } else if (done != null && j < planned) {
                        skipped++;
                        progress.finishedEarlier(each);
                    }
                    if (done != null) {
                        acc[i][s] = 100 * done.valAccuracy();
                        if (s == 0) {
                            signals[i] = signals(dir, BatchLoader.batches(perEpoch, c.batchSize()), done.epochs());
                        }
                    }
                }
                if (skipped > 0) {
                    out.printf("%d of %d %strainings were finished in an earlier session and kept%n", skipped, planned,
                            s == 0 ? "" : "seed-" + (s + 1) + " ");
                }
            }
        }
        List<StudyAnalysis.Trained> trained = new ArrayList<>();
        for (int i = 0; i < picks.size(); i++) {
            if (Double.isFinite(acc[i][0])) { // a network counts once its study-seed training is finished
                ArchAggregate a = picks.get(i);
                trained.add(new StudyAnalysis.Trained(a, rankOf.get(a.id()), config(r, a, trainDataset, 0).model(),
                        acc[i][0], Arrays.stream(acc[i]).boxed().toList(), signals[i]));
            }
        }
        trained.sort(Comparator.comparingInt(StudyAnalysis.Trained::screenRank)); // display order
        return trained;
    }

    /** The request's training data: {@code trainDataset} with its seeded training subset and first test images. */
    public static Dataset dataset(Study.Request r, String trainDataset) {
        Dataset base = Datasets.open(trainDataset, r.dataDir(), null);
        Dataset ds = base;
        if (r.trainSize() != null) {
            if (r.trainSize() < 1 || r.trainSize() > base.size(Split.TRAIN)) {
                base.close();
                throw new UserException("--train-size " + r.trainSize() + ": dataset " + base.name() + " has "
                        + base.size(Split.TRAIN) + " training images");
            }
            ds = Subset.random(ds, Split.TRAIN, r.trainSize(), r.seed(), true); // one subset for every seed
        }
        if (r.testSize() != null) {
            ds = Subset.first(ds, Split.TEST, r.testSize());
        }
        return ds;
    }

    /** The seeds whose directories exist (train, train-seed2, …: the highest N found). */
    private static int seedsOnDisk(Path studyDir) {
        int n = 1;
        while (Files.isDirectory(studyDir.resolve(Seeds.dir(n)))) {
            n++;
        }
        return n;
    }

    private static TrainingSignals signals(Path dir, int batchesPerEpoch, int epochs) {
        try (TrainStore store = new TrainStore(dir)) {
            return TrainingSignals.of(store.epochs(), batchesPerEpoch, epochs);
        }
    }
}
