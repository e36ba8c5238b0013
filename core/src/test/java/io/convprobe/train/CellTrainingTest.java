package io.convprobe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import io.convprobe.UserException;
import io.convprobe.arch.GraphInference;
import io.convprobe.arch.SpecFormat;
import io.convprobe.data.Split;
import io.convprobe.nn.CellNetworks;
import io.convprobe.nn.Networks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NAS-Bench-201 cell networks through the training loop: records, checkpoints, resume, evaluation,
 * on tiny cells (C 4, N 1) and 8x8 synthetic images.
 */
class CellTrainingTest {
    /** Every op kind: conv 3x3, none, avg pool, skip, conv 1x1. */
    static final String EVERY_OP =
            "nb201:C4:N1:|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_3x3~2|";
    /**
     * Node 1 is zero (its only input is none) and node 2 is dead (it reaches the output only through
     * none): the edges into node 2 are skipped, the conv from zero node 1 runs on zeros.
     */
    static final String ZERO_AND_DEAD =
            "nb201:C4:N1:|none~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|";

    private final SyntheticDataset data = new SyntheticDataset(96, 64, 5);

    private static TrainConfig config(String model, int epochs) {
        return new TrainConfig(model, "synthetic", null, epochs, null, "sgd", 0.05, 0.9, true, 5e-4, null, null, null,
                16, "cosine", null, null, null, null, null, 3L, 0, null, null);
    }

    private RunSummary train(TrainConfig c, SyntheticDataset d, Path dir, boolean resume) {
        return new Training(c, d, dir, new Training.Listener() {}).run(resume);
    }

    @Test
    void aCellNetworkTrainsAndItsRecordsCheckpointsAndEvaluationAgree(@TempDir Path dir) {
        Path run = dir.resolve("run");
        RunSummary s = train(config(EVERY_OP, 4), data, run, false);
        Checkpoint ckpt = Checkpoint.read(run.resolve(Training.LAST));
        assertThat(ckpt.info().spec()).isEqualTo(EVERY_OP);
        assertThat(s.spec()).isEqualTo(EVERY_OP);
        long params = GraphInference.infer(SpecFormat.parseNb201(EVERY_OP).toGraph(2), SyntheticDataset.SHAPE).params();
        assertThat(s.params()).isEqualTo(params);
        List<EpochMetrics> rows;
        try (TrainStore store = new TrainStore(run)) {
            rows = store.epochs();
        }
        assertThat(rows).hasSize(4);
        assertThat(rows.get(3).trainLoss()).isLessThan(rows.get(0).trainLoss());
        assertThat(s.valAccuracy()).isGreaterThan(0.6);
        assertThat(run.resolve(Training.BEST)).exists();

        // the checkpoint builds the same network again (Models.of), as evaluate and export do
        Models.Network net = Models.of(ckpt.info());
        assertThat(net).isInstanceOf(Models.Cell.class);
        assertThat(net.params()).isEqualTo(params);
        Evaluation e = Evaluator.evaluate(ckpt, "last.ckpt", data, Split.TEST, 50);
        assertThat(e.accuracy()).isEqualTo(rows.get(3).valAccuracy());
        assertThat(e.loss()).isCloseTo(rows.get(3).valLoss(), within(1e-5));
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock loaded = net.create(m, 0, 0);
            ckpt.loadParameters(loaded, m);
            assertThat(Networks.parameterCount(loaded)).isEqualTo(params);
        }
    }

    @Test
    void resumeContinuesACellNetworkExactly(@TempDir Path dir) {
        TrainConfig two = config(ZERO_AND_DEAD, 2);
        Path straight = dir.resolve("straight");
        train(two, data, straight, false);

        Path cut = dir.resolve("cut");
        Training.Listener crashAfterEpoch1 = new Training.Listener() {
            @Override
            public void epochEnd(EpochMetrics m, int epochs, boolean best) {
                throw new IllegalStateException("simulated crash");
            }
        };
        assertThatThrownBy(() -> new Training(two, data, cut, BatchAugmenter.NONE, crashAfterEpoch1).run(false))
                .hasMessage("simulated crash");
        RunSummary resumed = train(two, data, cut, true);

        Checkpoint a = Checkpoint.read(straight.resolve(Training.LAST));
        Checkpoint b = Checkpoint.read(cut.resolve(Training.LAST));
        assertThat(b.info().updates()).isEqualTo(a.info().updates()).isEqualTo(12);
        List<float[]> pa = parameters(a);
        List<float[]> pb = parameters(b);
        assertThat(pa).hasSameSizeAs(pb);
        double d = 0;
        for (int i = 0; i < pa.size(); i++) {
            for (int j = 0; j < pa.get(i).length; j++) {
                d = Math.max(d, Math.abs(pa.get(i)[j] - pb.get(i)[j]));
            }
        }
        assertThat(d).isLessThan(1e-5);
        assertThat(resumed.valAccuracy()).isEqualTo(Training.finishedSummary(straight).valAccuracy());
    }

    /**
     * Edges cut off from the output never run, so they get no gradient: PyTorch's SGD skips a
     * parameter whose grad is None (no weight decay, no momentum), and so does ours — their weights
     * stay at their initial values. The conv leaving zero node 1 runs on zeros: its weight's gradient
     * is zero but defined, so (as in PyTorch) only weight decay shrinks it, while its batch norm's
     * beta trains.
     */
    @Test
    void deadEdgesKeepTheirInitialWeightsAsInPyTorch(@TempDir Path dir) {
        Path run = dir.resolve("run");
        train(config(ZERO_AND_DEAD, 1), data, run, false);
        Checkpoint ckpt = Checkpoint.read(run.resolve(Training.LAST));
        try (NDManager m = NDManager.newBaseManager()) {
            Models.Cell cell = (Models.Cell) Models.of(ckpt.info());
            SequentialBlock trained = cell.create(m, 0, 0);
            ckpt.loadParameters(trained, m);
            SequentialBlock init = cell.create(m, 3, 0); // the run's seed and trial
            // block 1 is the first cell; its edges: 0->2 conv1x1 (dead), 1->2 conv3x3 (dead), 0->3 skip, 1->3 conv3x3
            List<Parameter> t = CellNetworks.learnable(trained.getChildren().get(1).getValue());
            List<Parameter> i = CellNetworks.learnable(init.getChildren().get(1).getValue());
            // learnable per conv edge: conv weight, BN gamma, BN beta
            for (int k = 0; k < 6; k++) {
                assertThat(t.get(k).getArray().toFloatArray()).as("dead edge parameter " + k)
                        .containsExactly(i.get(k).getArray().toFloatArray());
            }
            // its gradient is zero but defined (as in PyTorch), so weight decay alone scales it: one factor for all
            float[] w = t.get(6).getArray().toFloatArray();
            float[] w0 = i.get(6).getArray().toFloatArray();
            double factor = w[0] / w0[0];
            assertThat(factor).isLessThan(1).isGreaterThan(0.99);
            for (int k = 0; k < w.length; k++) {
                assertThat((double) w[k]).as("conv on zeros, weight " + k).isCloseTo(w0[k] * factor, within(1e-7));
            }
            assertThat(t.get(8).getArray().toFloatArray()).as("its BN beta trains")
                    .isNotEqualTo(i.get(8).getArray().toFloatArray());
        }
    }

    @Test
    void theNb201RecipeTrainsWithItsSettingsOnThreeChannelImages(@TempDir Path dir) throws Exception {
        SyntheticDataset rgb = new SyntheticDataset(64, 32, 9, 3);
        TrainConfig c = new TrainConfig(EVERY_OP, "synthetic", null, 1, null, null, null, null, null, null, null, null,
                null, 32, null, null, null, null, null, null, 1L, 0, "nb201", null);
        assertThat(c.optimizer()).isEqualTo("sgd");
        assertThat(c.normalize()).isEqualTo("cifar10");
        Path run = dir.resolve("run");
        RunSummary s = train(c, rgb, run, false);
        assertThat(s.epochs()).isEqualTo(1);
        assertThat(Checkpoint.read(run.resolve(Training.LAST)).info().config()).isEqualTo(c);
        // the recipe normalises by CIFAR-10's three channel statistics: a 1-channel dataset is refused in one line
        assertThatThrownBy(() -> train(c, data, dir.resolve("gray"), false)).isInstanceOf(UserException.class)
                .hasMessageContaining("--normalize cifar10 has 3 channels").hasMessageContaining("--normalize none");
        assertThat(Files.exists(dir.resolve("gray").resolve(Training.LAST))).isFalse();
    }

    private static List<float[]> parameters(Checkpoint c) {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = Models.of(c.info()).create(m, 99, 0);
            c.loadParameters(net, m);
            List<float[]> out = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                out.add(p.getValue().getArray().toFloatArray());
            }
            return out;
        }
    }
}
