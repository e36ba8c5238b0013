package io.convprobe.find;

import io.convprobe.UserException;
import io.convprobe.data.Dataset;
import io.convprobe.search.ArchAggregate;
import io.convprobe.train.EpochMetrics;
import io.convprobe.train.RunState;
import io.convprobe.train.TrainConfig;
import io.convprobe.train.TrainStore;
import io.convprobe.train.Training;
import io.convprobe.validate.Study;
import io.convprobe.validate.StudyTraining;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real oracle: trains network i in {@code TRAIN_DIR/<id>/} with validate's settings (one config
 * of {@code R} epochs per network, so a cosine decays over all R) and stops after the epochs asked
 * for; asked again for more, it continues from {@code last.ckpt} bit for bit. Epochs already in a
 * run's store (an earlier session's) are read back without touching the engine, so a re-run trains
 * nothing twice. The dataset is opened on the first training that is really needed.
 */
public final class TrainingOracle implements Oracle, AutoCloseable {
    private final Study.Request settings;
    private final List<ArchAggregate> population;
    private final String trainDataset;
    private final Path trainDir;
    private final Training.Listener progress;
    private Dataset data;
    private int trainedEpochs;
    private double trainSeconds;

    public TrainingOracle(Study.Request settings, List<ArchAggregate> population, String trainDataset, Path trainDir,
            Training.Listener progress) {
        this.settings = settings;
        this.population = List.copyOf(population);
        this.trainDataset = trainDataset;
        this.trainDir = trainDir;
        this.progress = progress;
    }

    /** The directory of network {@code i}'s training. */
    public Path dir(int i) {
        return trainDir.resolve(Long.toString(population.get(i).id()));
    }

    public TrainConfig config(int i) {
        return StudyTraining.config(settings, population.get(i), trainDataset, 0);
    }

    /**
     * {@inheritDoc} A training that diverges (its loss not finite) counts as failed: NaN, which the
     * search ranks last; its store says so, and a re-run reads that instead of diverging again.
     */
    @Override
    public double observe(int network, int epochs) {
        Path dir = dir(network);
        List<EpochMetrics> rows = recorded(dir);
        if (rows.size() >= epochs) {
            return 100 * rows.get(epochs - 1).valAccuracy();
        }
        if (diverged(dir)) { // after the epochs it has: they stay good
            return Double.NaN;
        }
        if (data == null) {
            data = StudyTraining.dataset(settings, trainDataset);
        }
        long t0 = System.nanoTime();
        RunState st;
        try {
            st = new Training(config(network), data, dir, progress).run(true, epochs);
        } catch (UserException e) {
            if (diverged(dir)) {
                return Double.NaN;
            }
            throw e;
        } finally {
            trainSeconds += (System.nanoTime() - t0) / 1e9;
        }
        trainedEpochs += epochs - rows.size();
        return 100 * st.epochs().get(epochs - 1).valAccuracy();
    }

    /**
     * {@inheritDoc} Read from the training's store, as {@link #observe} reads a recorded epoch: the
     * same answer in a re-run whatever happened after it; NaN when the training did not get there
     * (it diverged).
     */
    @Override
    public double trainingLoss(int network, int epochs) {
        List<EpochMetrics> rows = recorded(dir(network));
        if (rows.size() < epochs) {
            return Double.NaN;
        }
        double s = 0;
        for (int e = 0; e < epochs; e++) {
            s += rows.get(e).trainLoss();
        }
        return s;
    }

    private static boolean diverged(Path dir) {
        if (!Files.isRegularFile(dir.resolve(TrainStore.DB))) {
            return false;
        }
        try (TrainStore s = new TrainStore(dir)) {
            return Training.DIVERGED.equals(s.status());
        }
    }

    /** A run directory's epoch rows so far (none when it has no store yet). */
    static List<EpochMetrics> recorded(Path dir) {
        if (!Files.isRegularFile(dir.resolve(TrainStore.DB)) || !Files.isRegularFile(dir.resolve(Training.LAST))) {
            return List.of();
        }
        try (TrainStore s = new TrainStore(dir)) {
            return s.epochs();
        }
    }

    @Override
    public int fullEpochs() {
        return settings.epochsOrDefault();
    }

    /** Training costs epochs, even when a full training is one epoch. */
    @Override
    public String unit() {
        return "epochs";
    }

    /** Epochs trained in this session (not read back from an earlier one). */
    public int trainedEpochs() {
        return trainedEpochs;
    }

    /** Wall seconds of this session's trainings (data loading included). */
    public double trainSeconds() {
        return trainSeconds;
    }

    @Override
    public void close() {
        if (data != null) {
            data.close();
        }
    }
}
