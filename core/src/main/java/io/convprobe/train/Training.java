package io.convprobe.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import io.convprobe.data.Dataset;
import io.convprobe.data.ImageBatch;
import io.convprobe.data.Split;
import io.convprobe.nn.GradientCheck;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One training run, start to finish (or from its last checkpoint). The loop, per epoch: re-seed
 * (shuffle, augmentation, dropout), then per batch forward → cross-entropy → backward → optimizer
 * step with the schedule's rate → zero gradients; then evaluate on the test split, write a
 * checkpoint and the epoch's row. Every array a batch creates is freed when the batch ends
 * ({@code NDScope}), so memory stays flat.
 */
public final class Training {
    public static final String LAST = "last.ckpt";
    public static final String BEST = "best.ckpt";
    public static final String SUMMARY = "summary.json";
    /** The store's status of a run stopped on purpose before its last epoch ({@link #run(boolean, int)}). */
    public static final String STOPPED = "stopped";
    /** The store's status of a run whose loss stopped being finite. */
    public static final String DIVERGED = "diverged";

    /** Progress callbacks (all optional). */
    public interface Listener {
        default void start(String message) {}

        default void batch(int epoch, int epochs, int done, int batches, double loss, double accuracy,
                double imagesPerSecond) {}

        default void epochEnd(EpochMetrics m, int epochs, boolean best) {}
    }

    private final TrainConfig config;
    private final Dataset dataset;
    private final Path runDir;
    private final BatchAugmenter augmenter;
    private final Listener listener;

    /** A run whose augmentation is the config's {@code augment}. */
    public Training(TrainConfig config, Dataset dataset, Path runDir, Listener listener) {
        this(config, dataset, runDir, BatchAugmenter.parse(config.augment()), listener);
    }

    public Training(TrainConfig config, Dataset dataset, Path runDir, BatchAugmenter augmenter, Listener listener) {
        this.config = config;
        this.dataset = dataset;
        this.runDir = runDir;
        this.augmenter = augmenter;
        this.listener = listener;
    }

    /** The summary of a finished run directory, or null when it is not finished. */
    public static RunSummary finishedSummary(Path runDir) {
        Path f = runDir.resolve(SUMMARY);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            RunSummary s = TrainConfig.MAPPER.readValue(f.toFile(), RunSummary.class);
            return RunSummary.FINISHED.equals(s.status()) ? s : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Trains. With {@code resume}, continues from {@code last.ckpt} when there is one (its config must
     * equal this one); without, refuses a directory that already holds a checkpoint.
     */
    public RunSummary run(boolean resume) {
        return run(resume, Integer.MAX_VALUE).summary();
    }

    /**
     * Trains as {@link #run(boolean)} but stops after epoch {@code stopAfterEpoch} (1-based): the
     * schedule and plan stay the full config's (a cosine still decays over all its epochs), so a later
     * {@code run(true, k2)} or {@code run(true)} continues exactly where this one stopped, as a resume
     * after a kill does. A stopped run keeps {@code last.ckpt} and its epoch rows and writes no summary
     * ({@link #finishedSummary} stays null until the last epoch). A run already past {@code
     * stopAfterEpoch} trains nothing and returns the state it is in.
     */
    public RunState run(boolean resume, int stopAfterEpoch) {
        if (stopAfterEpoch < 1) {
            throw new IllegalArgumentException("stopAfterEpoch must be at least 1, got " + stopAfterEpoch);
        }
        GradientCheck.require(); // before anything is computed: wrong float32 gradients would be trained on silently
        Path lastFile = runDir.resolve(LAST);
        Checkpoint ckpt = null;
        if (Files.exists(lastFile)) {
            if (!resume) {
                throw new UserException("run directory " + runDir + " already holds a run (" + LAST
                        + "); pass --resume to continue it, or choose another --run");
            }
            ckpt = Checkpoint.read(lastFile);
            if (!ckpt.info().config().equals(config)) {
                throw new UserException("run directory " + runDir + " was started with other settings ("
                        + ckpt.info().config().toJson() + "); resume it without changing them");
            }
            RunSummary done = finishedSummary(runDir);
            if (done != null) {
                return new RunState(epochRows(), ckpt.info().epoch(), done);
            }
        }
        int classes = dataset.classes().size();
        Shape input = dataset.imageShape();
        Models.Network arch = Models.network(config.model(), input, classes);
        String spec = arch.spec();
        Normalization norm = config.normalization();
        norm.check(input, "dataset " + dataset.name());
        if (ckpt != null && !ckpt.info().spec().equals(spec)) {
            throw new UserException(lastFile + " holds network " + ckpt.info().spec() + ", not " + spec);
        }
        ImageBatch train = load(Split.TRAIN, classes);
        ImageBatch test = load(Split.TEST, classes);
        Plan plan = Plan.of(config, train.count());
        LrSchedule schedule = LrSchedule.of(config.schedule(), config.lr(), plan.totalSteps(), config.warmupSteps(),
                stepInterval(plan), config.gamma());

        ExecutorService loaderThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "convprobe-batch-loader");
            t.setDaemon(true);
            return t;
        });
        try (NDManager manager = NDManager.newBaseManager();
                TrainStore store = new TrainStore(runDir)) {
            SequentialBlock net = arch.create(manager, config.seed(), config.trial());
            if (ckpt != null) {
                ckpt.loadParameters(net, manager);
            }
            List<NDArray> params = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    NDArray a = p.getValue().getArray();
                    if (!a.hasGradient()) {
                        a.setRequiresGradient(true); // Block.loadParameters gives fresh arrays without gradients
                    }
                    params.add(a);
                }
            }
            try (GradOptimizer optimizer = GradOptimizer.create(config.optimizer(), params, manager,
                    config.optimizerSettings())) {
                State st = new State();
                if (ckpt != null) {
                    ckpt.loadOptimizer(optimizer, manager);
                    st = State.of(ckpt.info());
                }
                store.begin(runDir.getFileName().toString(), config, spec, arch.params());
                store.truncateAfter(st.epoch);
                List<EpochMetrics> before = store.epochs();
                st.elapsedBefore = before.isEmpty() ? 0 : before.get(before.size() - 1).elapsedSeconds();
                listener.start(String.format("%s: %s, %,d params, %s %s (%,d train / %,d test images, validation = "
                        + "test split), %d epochs, %,d updates%s", runDir.getFileName(), spec, arch.params(),
                        dataset.name(), input, train.count(), test.count(), plan.epochs(), plan.totalSteps(),
                        st.epoch > 0 ? ", resuming after epoch " + st.epoch : "")
                        + (config.recipe() != null ? ", recipe " + config.recipe() : "")
                        + (norm.isNone() ? "" : ", inputs normalised by " + norm));
                ParameterStore ps = new ParameterStore(manager, false);
                long runStart = System.nanoTime() - (long) (st.elapsedBefore * 1e9);
                int stop = Math.min(plan.epochs(), stopAfterEpoch);
                for (int epoch = st.epoch; epoch < stop; epoch++) {
                    Engine.getInstance().setRandomSeed(seedFor(epoch, 1));
                    int images = plan.imagesIn(epoch);
                    int batches = BatchLoader.batches(images, config.batchSize());
                    BatchLoader loader = new BatchLoader(train, config.batchSize(), images, seedFor(epoch, 2), augmenter,
                            seedFor(epoch, 3), loaderThread, norm);
                    double lossSum = 0;
                    long correct = 0;
                    long seen = 0;
                    double lr = schedule.lr(optimizer.updates());
                    long t0 = System.nanoTime();
                    int done = 0;
                    while (loader.hasNext()) {
                        BatchLoader.Batch b = loader.next();
                        lr = schedule.lr(optimizer.updates());
                        float[] out = trainStep(net, ps, manager, optimizer, b, lr);
                        if (!Float.isFinite(out[0])) {
                            store.setStatus(DIVERGED);
                            throw new UserException(String.format("training diverged: the loss became %s at epoch %d, "
                                    + "batch %d (lr %.3g); %s", out[0], epoch + 1, done + 1, lr,
                                    Files.exists(lastFile) ? "the last good checkpoint is " + lastFile
                                            : "no checkpoint was written"));
                        }
                        lossSum += out[0] * b.size();
                        correct += (long) out[1];
                        seen += b.size();
                        done++;
                        double secs = (System.nanoTime() - t0) / 1e9;
                        listener.batch(epoch + 1, plan.epochs(), done, batches, lossSum / seen, (double) correct / seen,
                                seen / secs);
                    }
                    double trainSecs = (System.nanoTime() - t0) / 1e9;
                    st.trainSeconds += trainSecs;
                    st.imagesSeen += seen;
                    Evaluation val = Evaluator.evaluate(net, test, classes, Math.max(256, config.batchSize()), manager,
                            norm);
                    EpochMetrics m = new EpochMetrics(epoch + 1, lossSum / seen, (double) correct / seen, val.loss(),
                            val.accuracy(), lr, seen / trainSecs, (System.nanoTime() - runStart) / 1e9);
                    boolean best = st.bestEpoch == 0 || m.valAccuracy() > st.bestValAccuracy;
                    if (best) {
                        st.bestEpoch = m.epoch();
                        st.bestValAccuracy = m.valAccuracy();
                        st.bestValLoss = m.valLoss();
                    }
                    st.epoch = epoch + 1;
                    CheckpointInfo info = new CheckpointInfo(CheckpointInfo.FORMAT, config, spec, input.toString(),
                            dataset.classes(), st.epoch, optimizer.updates(), st.imagesSeen, st.bestEpoch,
                            st.bestValAccuracy, st.bestValLoss, st.trainSeconds);
                    Checkpoint.of(info, net, optimizer).write(lastFile);
                    if (best) {
                        copyAtomically(lastFile, runDir.resolve(BEST));
                    }
                    store.addEpoch(m);
                    listener.epochEnd(m, plan.epochs(), best);
                }
                List<EpochMetrics> rows = store.epochs();
                if (st.epoch < plan.epochs()) {
                    store.setStatus(STOPPED);
                    return new RunState(rows, plan.epochs(), null);
                }
                EpochMetrics last = rows.get(rows.size() - 1);
                RunSummary summary = new RunSummary(runDir.getFileName().toString(), config.model(), spec,
                        arch.params(), st.epoch, last.valLoss(), last.valAccuracy(), st.trainSeconds / 60,
                        st.imagesSeen / st.trainSeconds, st.bestEpoch, st.bestValAccuracy, RunSummary.FINISHED);
                store.finish(summary);
                writeSummary(summary);
                return new RunState(rows, plan.epochs(), summary);
            }
        } finally {
            loaderThread.shutdownNow();
        }
    }

    /** The run directory's epoch rows (none when it has no store). */
    private List<EpochMetrics> epochRows() {
        if (!Files.exists(runDir.resolve(TrainStore.DB))) {
            return List.of();
        }
        try (TrainStore store = new TrainStore(runDir)) {
            return store.epochs();
        }
    }

    /** One update; returns {loss, correct}. */
    private float[] trainStep(SequentialBlock net, ParameterStore ps, NDManager manager, GradOptimizer optimizer,
            BatchLoader.Batch b, double lr) {
        try (NDManager bm = manager.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = bm.create(FloatBuffer.wrap(b.pixels()),
                    new ai.djl.ndarray.types.Shape(b.imageShape().withBatch(b.size())));
            NDArray y = bm.create(b.labels());
            NDArray logits;
            NDArray loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                logits = net.forward(ps, new NDList(x), true).singletonOrThrow();
                loss = Loss.crossEntropy(logits, y, config.labelSmoothing());
                gc.backward(loss);
            }
            float lossValue = loss.getFloat();
            if (!Float.isFinite(lossValue)) {
                return new float[] {lossValue, 0};
            }
            long correct = logits.argMax(1).eq(y).sum().getLong();
            optimizer.step(lr);
            for (NDArray p : optimizer.params) {
                JniUtils.zeroGrad((PtNDArray) p); // PyTorch accumulates gradients; DJL's collector does not zero them
            }
            return new float[] {lossValue, correct};
        }
    }

    private ImageBatch load(Split split, int classes) {
        int n = dataset.size(split);
        if (n == 0) {
            throw new UserException("dataset " + dataset.name() + " has no " + split.key() + " images");
        }
        ImageBatch b = dataset.read(split, 0, n);
        for (int y : b.labels()) {
            if (y < 0 || y >= classes) {
                throw new UserException("dataset " + dataset.name() + " " + split.key() + " split has label " + y
                        + ", outside 0.." + (classes - 1));
            }
        }
        return b;
    }

    private long stepInterval(Plan plan) {
        if (config.stepEpochs() != null) {
            return Math.max(1, Math.round(config.stepEpochs() * BatchLoader.batches(plan.trainSize(), config.batchSize())));
        }
        return Math.max(1, (plan.totalSteps() + 2) / 3);
    }

    /** Seeds derived from (seed, trial, epoch, stream); the epoch is the run's whole RNG state. */
    private int seedFor(int epoch, int stream) {
        long h = config.seed() * 0x9E3779B97F4A7C15L + config.trial() * 0xC2B2AE3D27D4EB4FL + epoch * 1_000_003L
                + stream * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h & 0x7fffffff;
    }

    private void copyAtomically(Path from, Path to) {
        try {
            Path tmp = Files.createTempFile(runDir, to.getFileName().toString(), ".tmp");
            try {
                Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UserException("cannot write checkpoint " + to + ": " + e.getMessage(), e);
        }
    }

    private void writeSummary(RunSummary s) {
        Path f = runDir.resolve(SUMMARY);
        try {
            Path tmp = Files.createTempFile(runDir, SUMMARY, ".tmp");
            Files.write(tmp, TrainConfig.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    /** Progress carried across epochs (and restored from a checkpoint). */
    private static final class State {
        int epoch;
        long imagesSeen;
        int bestEpoch;
        double bestValAccuracy = Double.NEGATIVE_INFINITY;
        double bestValLoss = Double.NaN;
        double trainSeconds;
        double elapsedBefore;

        static State of(CheckpointInfo i) {
            State s = new State();
            s.epoch = i.epoch();
            s.imagesSeen = i.imagesSeen();
            s.bestEpoch = i.bestEpoch();
            s.bestValAccuracy = i.bestValAccuracy();
            s.bestValLoss = i.bestValLoss();
            s.trainSeconds = i.trainSeconds();
            s.elapsedBefore = 0;
            return s;
        }
    }

    /** How many epochs, and images per epoch, a config asks for on a training split of a given size. */
    record Plan(int trainSize, int epochs, long maxInputs, int batchSize) {
        static Plan of(TrainConfig c, int trainSize) {
            if (c.maxInputs() != null) {
                int epochs = Math.toIntExact((c.maxInputs() + trainSize - 1) / trainSize);
                return new Plan(trainSize, epochs, c.maxInputs(), c.batchSize());
            }
            return new Plan(trainSize, c.epochs(), (long) c.epochs() * trainSize, c.batchSize());
        }

        int imagesIn(int epoch) {
            return (int) Math.min(trainSize, maxInputs - (long) epoch * trainSize);
        }

        long totalSteps() {
            long n = 0;
            for (int e = 0; e < epochs; e++) {
                n += BatchLoader.batches(imagesIn(e), batchSize);
            }
            return n;
        }
    }
}
