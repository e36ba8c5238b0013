package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import io.convprobe.data.Dataset;
import io.convprobe.data.ImageBatch;
import io.convprobe.data.Images;
import io.convprobe.data.Split;
import io.convprobe.nn.Networks;
import io.convprobe.nn.ProbeNetwork;
import io.convprobe.stats.RidgeClassifier;
import io.convprobe.stats.RidgeModel;
import io.convprobe.stats.RidgeScorer;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinearProbeTest {
    private static final Shape IN = Shape.chw(1, 12, 12);
    private static final ProbeSettings SETTINGS = new ProbeSettings(60, 40, 2, 25, 200, 11, 16, 0.3);
    private static final Dataset DATA = new SyntheticDataset(IN, 3, 80, 50);
    private static final ArchSpec SPEC = SpecFormat.parse("c8k3-relu-c8k3s2d2-relu");

    @Test
    void sameSeedReproducesTrialsExactlyOtherTrialsDiffer() {
        try (LinearProbe a = new LinearProbe(DATA, SETTINGS); LinearProbe b = new LinearProbe(DATA, SETTINGS)) {
            TrialResult a0 = a.probe(SPEC, 0);
            TrialResult b0 = b.probe(SPEC, 0);
            assertThat(b0.testAccuracy()).isEqualTo(a0.testAccuracy());
            assertThat(b0.trainAccuracy()).isEqualTo(a0.trainAccuracy());
            assertThat(a0.features()).isEqualTo(8 * 3 * 3);
            assertThat(a0.testAccuracy()).as("the classes are easy").isGreaterThan(60);
            assertThat(a0.throughput()).isPositive();
            assertThat(a0.trial()).isZero();
            // a different trial draws different weights: the train fit (not a coarse accuracy) must move
            assertThat(trainDecisions(a, 1)).isNotEqualTo(trainDecisions(a, 0));
            assertThat(trainDecisions(a, 0)).isEqualTo(trainDecisions(b, 0));
        }
    }

    private static double[] trainDecisions(LinearProbe p, int trial) {
        try (NDManager m = NDManager.newBaseManager();
                ProbeNetwork net = ProbeNetwork.create(SPEC, IN, m, SETTINGS.seed(), trial)) {
            return new RidgeScorer().decisions(net.features(p.images().train(), 16, m), p.images().trainLabels(),
                    net.features(p.images().test(), 16, m), 3, m).train();
        }
    }

    /** End to end against an independent path: DJL block forward, features on the JVM, JVM ridge. */
    @Test
    void accuraciesEqualDjlBlockFeaturesWithTheJvmRidgeClassifier() {
        ArchSpec spec = SpecFormat.parse("c6k5s1d1-relu-c4k3s1d2-relu");
        try (LinearProbe p = new LinearProbe(DATA, SETTINGS); NDManager m = NDManager.newBaseManager()) {
            TrialResult r = p.probe(spec, 1);
            SequentialBlock net = Networks.create(spec, IN, m, SETTINGS.seed(), 1);
            float[] xtr = blockFeatures(net, DATA.read(Split.TRAIN, 0, 60), m);
            float[] xte = blockFeatures(net, DATA.read(Split.TEST, 0, 40), m);
            int d = (int) r.features();
            RidgeModel ridge = new RidgeClassifier().fit(xtr, 60, d, DATA.read(Split.TRAIN, 0, 60).labels(), 3);
            assertThat(r.testAccuracy()).isEqualTo(ridge.accuracyPercent(xte, 40, DATA.read(Split.TEST, 0, 40).labels()));
            assertThat(r.trainAccuracy()).isEqualTo(ridge.accuracyPercent(xtr, 60, DATA.read(Split.TRAIN, 0, 60).labels()));
        }
    }

    private static float[] blockFeatures(SequentialBlock net, ImageBatch b, NDManager m) {
        NDArray x = m.create(Images.toFloat(b), new ai.djl.ndarray.types.Shape(IN.withBatch(b.count())));
        return net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
    }

    @Test
    void nativeArraysStayFlatAcrossProbes() {
        NDManager m = NDManager.newBaseManager();
        try (LinearProbe p = new LinearProbe(DATA, SETTINGS, m)) {
            assertThat(m.getManagedArrays()).hasSize(2);
            for (int i = 0; i < 5; i++) {
                p.probe(i % 2 == 0 ? SPEC : SpecFormat.parse("c4k5-gelu-max2"), i);
                assertThat(m.getManagedArrays()).hasSize(2);
            }
        }
    }

    @Test
    void tooFewImagesOrAnImpossibleSpecAreUserErrors() {
        assertThatThrownBy(() -> new LinearProbe(DATA, new ProbeSettings(500, 40, 1, 25, 200, 0, 32, 0.3)))
                .isInstanceOf(UserException.class).hasMessageContaining("has 80 train images");
        try (LinearProbe p = new LinearProbe(DATA, SETTINGS)) {
            assertThatThrownBy(() -> p.probe(SpecFormat.parse("c8k9-relu-c8k9-relu"), 0)).isInstanceOf(UserException.class);
        }
    }
}
