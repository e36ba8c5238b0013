package io.convprobe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import io.convprobe.UserException;
import io.convprobe.arch.SpecFormat;
import io.convprobe.nn.Networks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {
    private static final String SPEC = "c4k3-bn-relu-max2-drop0.2-flat-fc2";
    private final SyntheticDataset data = new SyntheticDataset(96, 64, 5);

    private static TrainConfig config(String optimizer, int epochs, double lr) {
        return new TrainConfig(SPEC, "synthetic", null, epochs, null, optimizer, lr, null, "sgd".equals(optimizer),
                null, null, null, null, 16, "cosine", 2L, null, null, null, null, 3L, 0);
    }

    private RunSummary train(TrainConfig c, Path dir, boolean resume) {
        return new Training(c, data, dir, new Training.Listener() {}).run(resume);
    }

    @Test
    void trainingLowersTheLossAndWritesTheRunsRecords(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        RunSummary s = train(config("adamw", 3, 1e-2), run, false);
        TrainStore store = new TrainStore(run);
        List<EpochMetrics> rows = store.epochs();
        store.close();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).trainLoss()).isLessThan(rows.get(0).trainLoss());
        assertThat(rows.get(2).valLoss()).isLessThan(Math.log(2)); // better than chance
        assertThat(s.valAccuracy()).isGreaterThan(0.8);
        assertThat(s.epochs()).isEqualTo(3);
        assertThat(s.params()).isEqualTo(Networks.parameterCount(net(dir)));
        assertThat(Files.readAllLines(run.resolve(TrainStore.CSV))).hasSize(4);
        assertThat(run.resolve(Training.LAST)).exists();
        assertThat(run.resolve(Training.BEST)).exists();
        assertThat(Training.finishedSummary(run)).isEqualTo(s);
        try (var files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private SequentialBlock net(Path unused) {
        return Networks.create(Models.resolve(SPEC, SyntheticDataset.SHAPE, 2).spec(), SyntheticDataset.SHAPE,
                NDManager.newBaseManager(), 0, 0);
    }

    @Test
    void resumeContinuesExactlyWithTheOptimizerState(@TempDir Path dir) {
        for (String opt : List.of("adam", "sgd")) {
            TrainConfig two = config(opt, 2, 1e-2);
            Path straight = dir.resolve(opt + "-straight");
            train(two, straight, false);

            Path cut = dir.resolve(opt + "-cut");
            Training.Listener crashAfterEpoch1 = new Training.Listener() {
                @Override
                public void epochEnd(EpochMetrics m, int epochs, boolean best) {
                    throw new IllegalStateException("simulated crash");
                }
            };
            assertThatThrownBy(() -> new Training(two, data, cut, BatchAugmenter.NONE, crashAfterEpoch1).run(false))
                    .hasMessage("simulated crash");
            assertThat(Checkpoint.read(cut.resolve(Training.LAST)).info().epoch()).isEqualTo(1);
            assertThatThrownBy(() -> train(two, cut, false)).isInstanceOf(UserException.class)
                    .hasMessageContaining("--resume");
            RunSummary resumed = train(two, cut, true);

            Checkpoint a = Checkpoint.read(straight.resolve(Training.LAST));
            Checkpoint b = Checkpoint.read(cut.resolve(Training.LAST));
            assertThat(b.info().epoch()).isEqualTo(2);
            assertThat(b.info().updates()).isEqualTo(a.info().updates()).isEqualTo(12);
            assertThat(maxDiff(parameters(a), parameters(b))).as(opt).isLessThan(1e-5);
            assertThat(resumed.valAccuracy()).isEqualTo(Training.finishedSummary(straight).valAccuracy());
            // a resumed run that is already finished does nothing new
            assertThat(train(two, cut, true).epochs()).isEqualTo(2);
        }
    }

    @Test
    void aRunStoppedAfterAnEpochContinuesBitForBitAsIfUninterrupted(@TempDir Path dir) {
        TrainConfig two = config("adam", 2, 1e-2);
        Path straight = dir.resolve("straight");
        RunState whole = new Training(two, data, straight, new Training.Listener() {}).run(false, 2);
        assertThat(whole.finished()).isTrue();

        Path staged = dir.resolve("staged");
        RunState first = new Training(two, data, staged, new Training.Listener() {}).run(false, 1);
        assertThat(first.finished()).isFalse();
        assertThat(first.plannedEpochs()).isEqualTo(2);
        assertThat(first.epochs()).hasSize(1);
        assertThat(first.last().epoch()).isEqualTo(1);
        assertThat(Training.finishedSummary(staged)).isNull();
        assertThat(Checkpoint.read(staged.resolve(Training.LAST)).info().epoch()).isEqualTo(1);
        try (TrainStore store = new TrainStore(staged)) {
            assertThat(store.status()).isEqualTo(Training.STOPPED);
        }
        // asking for an epoch already reached trains nothing
        assertThat(new Training(two, data, staged, new Training.Listener() {}).run(true, 1).epochs()).hasSize(1);

        RunState rest = new Training(two, data, staged, new Training.Listener() {}).run(true, 5);
        assertThat(rest.finished()).isTrue();
        assertThat(rest.epochs()).hasSize(2);
        for (int e = 0; e < 2; e++) {
            EpochMetrics a = whole.epochs().get(e);
            EpochMetrics b = rest.epochs().get(e);
            assertThat(new double[] {b.trainLoss(), b.trainAccuracy(), b.valLoss(), b.valAccuracy(), b.lr()})
                    .as("epoch " + (e + 1)).containsExactly(a.trainLoss(), a.trainAccuracy(), a.valLoss(),
                            a.valAccuracy(), a.lr());
        }
        assertThat(rest.summary().valAccuracy()).isEqualTo(whole.summary().valAccuracy());
        assertThat(rest.summary().valLoss()).isEqualTo(whole.summary().valLoss());
        assertThat(maxDiff(parameters(Checkpoint.read(straight.resolve(Training.LAST))),
                parameters(Checkpoint.read(staged.resolve(Training.LAST))))).isZero();
        assertThat(Training.finishedSummary(staged)).isEqualTo(rest.summary());
    }

    private static List<float[]> parameters(Checkpoint c) {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = Networks.create(SpecFormat.parse(c.info().spec()), SyntheticDataset.SHAPE, m, 99, 0);
            c.loadParameters(net, m);
            List<float[]> out = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                out.add(p.getValue().getArray().toFloatArray());
            }
            return out;
        }
    }

    private static double maxDiff(List<float[]> a, List<float[]> b) {
        assertThat(a).hasSameSizeAs(b);
        double d = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).length; j++) {
                d = Math.max(d, Math.abs(a.get(i)[j] - b.get(i)[j]));
            }
        }
        return d;
    }

    @Test
    void unknownNamesAndMisfitsAreOneLineUserErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> train(TrainConfig.of("no-such-net"), dir.resolve("a"), false))
                .isInstanceOf(UserException.class).hasMessageContaining("unknown model 'no-such-net'");
        assertThatThrownBy(() -> train(TrainConfig.of("c8k9-relu"), dir.resolve("b"), false))
                .isInstanceOf(UserException.class).hasMessageContaining("does not fit 1x8x8");
        assertThatThrownBy(() -> config("rmsprop", 1, 1e-3)).isInstanceOf(UserException.class)
                .hasMessageContaining("unknown optimizer 'rmsprop'");
    }

    @Test
    void divergenceStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        train(config("sgd", 1, 1e-2), run, false);
        byte[] good = Files.readAllBytes(run.resolve(Training.LAST));
        TrainConfig wild = new TrainConfig(SPEC, "synthetic", null, 3, null, "sgd", 1e300, null, true, null, null, null,
                null, 16, "constant", null, null, null, null, null, 3L, 0);
        Path run2 = dir.resolve("run2");
        assertThatThrownBy(() -> train(wild, run2, false)).isInstanceOf(UserException.class)
                .hasMessageContaining("training diverged");
        assertThat(Files.readAllBytes(run.resolve(Training.LAST))).isEqualTo(good);
    }
}
