package io.convprobe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --recipe nb201} and {@code --normalize}: what they set, and that the optimizer they set is PyTorch's. */
class RecipeTest {
    private static TrainConfig config(String recipe, String optimizer, Double lr, Integer batch, String normalize) {
        return new TrainConfig("tutorial-net", null, null, null, null, optimizer, lr, null, null, null, null, null, null,
                batch, null, null, null, null, null, null, null, null, recipe, normalize);
    }

    @Test
    void nb201SetsNasBench201sRecipeAndLeavesTheEpochsAlone() {
        TrainConfig c = config("NB201", null, null, null, null);
        assertThat(c.recipe()).isEqualTo("nb201");
        assertThat(c.optimizer()).isEqualTo("sgd");
        assertThat(c.lr()).isEqualTo(0.1);
        assertThat(c.momentum()).isEqualTo(0.9);
        assertThat(c.nesterov()).isTrue();
        assertThat(c.weightDecay()).isEqualTo(5e-4);
        assertThat(c.batchSize()).isEqualTo(256);
        assertThat(c.schedule()).isEqualTo("cosine");
        assertThat(c.warmupSteps()).isZero();
        assertThat(c.augment()).isEqualTo("crop-flip");
        assertThat(c.normalize()).isEqualTo("cifar10");
        assertThat(c.labelSmoothing()).isZero();
        assertThat(c.epochs()).isEqualTo(TrainConfig.DEFAULT_EPOCHS);
        GradOptimizer.OptimizerSettings s = c.optimizerSettings();
        assertThat(s).isEqualTo(new GradOptimizer.OptimizerSettings(0.9, true, 5e-4, 0.9, 0.999, 1e-8));
    }

    @Test
    void explicitSettingsWinOverTheRecipeAndTheConfigRoundTrips() {
        TrainConfig c = config("nb201", null, 0.05, 128, "none");
        assertThat(c.lr()).isEqualTo(0.05);
        assertThat(c.batchSize()).isEqualTo(128);
        assertThat(c.normalize()).isEqualTo("none");
        assertThat(c.optimizer()).isEqualTo("sgd");
        assertThat(TrainConfig.fromJson(c.toJson())).isEqualTo(c);
        assertThat(c.toJson()).contains("\"recipe\":\"nb201\"");
        // a run written before recipes and normalisation existed reads back with their defaults
        TrainConfig old = TrainConfig.fromJson("{\"model\":\"tutorial-net\",\"epochs\":3}");
        assertThat(old.recipe()).isNull();
        assertThat(old.normalize()).isEqualTo("none");
        assertThat(old).isEqualTo(new TrainConfig("tutorial-net", null, null, 3, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null));
        assertThatThrownBy(() -> config("darts", null, null, null, null)).isInstanceOf(UserException.class)
                .hasMessage("unknown recipe 'darts' (known: nb201)");
    }

    @Test
    void normalizationIsTorchvisionsToTensorThenNormalize() {
        Normalization n = Normalization.parse("0.5,0.25/0.5,0.125");
        Shape s = Shape.chw(2, 1, 2);
        byte[] px = {0, (byte) 255, 51, (byte) 204, 10, 20, 30, 40};
        float[] x = n.toFloat(px, 1, 1, s); // the second image
        assertThat(x).containsExactly((10 / 255f - 0.5f) / 0.5f, (20 / 255f - 0.5f) / 0.5f,
                (30 / 255f - 0.25f) / 0.125f, (40 / 255f - 0.25f) / 0.125f);
        assertThat(Normalization.parse("none").toFloat(px, 0, 1, s)).containsExactly(0f, 1f, 0.2f, 0.8f);
        Normalization cifar = Normalization.parse("CIFAR10");
        assertThat(cifar.mean()).containsExactly(0.4914f, 0.4822f, 0.4465f);
        assertThat(cifar.std()).containsExactly(0.2470f, 0.2435f, 0.2616f);
        assertThatThrownBy(() -> cifar.check(Shape.chw(1, 28, 28), "dataset fashion-mnist-mini"))
                .isInstanceOf(UserException.class).hasMessageContaining("has 1-channel images");
        for (String bad : List.of("imagenet", "0.5/0", "0.5,0.5/0.2", "a/b", "0.5/0.2/0.1")) {
            assertThatThrownBy(() -> Normalization.parse(bad)).as(bad).isInstanceOf(UserException.class)
                    .hasMessageStartingWith("--normalize '" + bad + "'");
        }
    }

    /**
     * The recipe's optimizer and schedule against Debian's PyTorch 1.13: p = (1, −2, 0.5), loss =
     * Σ c·p with c = (0.3, −1.5, 2), four updates of {@code torch.optim.SGD(lr=0.1, momentum=0.9,
     * weight_decay=5e-4, nesterov=True)} stepped with {@code CosineAnnealingLR(T_max=4, eta_min=0)}:
     * <pre>
     * opt = torch.optim.SGD([p], lr=0.1, momentum=0.9, weight_decay=5e-4, nesterov=True)
     * sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=4, eta_min=0.0)
     * for t in range(4):
     *     opt.zero_grad(); (p * c).sum().backward(); opt.step(); sched.step(); print(p.tolist())
     * </pre>
     */
    @Test
    void theRecipesSgdAndCosineScheduleMatchPyTorch() {
        double[][] torch = {
            {0.9429050087928772, -1.7148100137710571, 0.1199524849653244},
            {0.873400092124939, -1.3676323890686035, -0.3427005112171173},
            {0.8217362761497498, -1.1095712184906006, -0.6865957975387573},
            {0.8037184476852417, -1.0195719003677368, -0.8065299391746521},
        };
        double[] torchLr = {0.1, 0.08535533905932738, 0.05, 0.014644660940672627};
        TrainConfig c = config("nb201", null, null, null, null);
        LrSchedule schedule = LrSchedule.of(c.schedule(), c.lr(), 4, c.warmupSteps(), 1, c.gamma());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new float[] {1f, -2f, 0.5f});
            p.setRequiresGradient(true);
            NDArray w = m.create(new float[] {0.3f, -1.5f, 2f});
            try (GradOptimizer opt = GradOptimizer.create(c.optimizer(), List.of(p), m, c.optimizerSettings())) {
                for (int t = 0; t < 4; t++) {
                    double lr = schedule.lr(opt.updates());
                    assertThat(lr).as("lr of update %d", t).isCloseTo(torchLr[t], within(1e-12));
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(p.mul(w).sum());
                    }
                    opt.step(lr);
                    JniUtils.zeroGrad((PtNDArray) p);
                    float[] got = p.toFloatArray();
                    for (int i = 0; i < 3; i++) {
                        assertThat((double) got[i]).as("p[%d] after update %d", i, t).isCloseTo(torch[t][i], within(1e-6));
                    }
                }
            }
        }
    }
}
