package io.convprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.ProbeNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepPathTest {
    private static final Shape IN = Shape.chw(3, 12, 12);
    private static final long IMAGES = 10;
    private static final ArchSummary A = summary("c4k3-relu-max2-c4k3-relu-drop0.5-flat");
    private static final ArchSummary B = summary("c4k3-relu-max2-c6k1-tanh");

    private static ArchSummary summary(String spec) {
        return ShapeInference.infer(SpecFormat.parse(spec), IN);
    }

    private static long bytes(ArchSummary s, int i) {
        return 4L * s.layers().get(i).output().elements() * IMAGES;
    }

    @Test
    void aPathKeepsTheSharedPrefixPerTrialAndDropsTheRest() {
        try (NDManager m = NDManager.newBaseManager()) {
            SweepPath paths = new SweepPath(m, Long.MAX_VALUE, IMAGES);
            List<SweepPath.Level> a = paths.enter(A, 1, 0, i -> ConvAlgorithm.DIRECT);
            assertThat(a).hasSize(7);
            List<SweepPath.Level> prefix = List.copyOf(a.subList(0, 3));
            SweepPath.Level oldConv = a.get(3);
            List<SweepPath.Level> b = paths.enter(B, 1, 0, i -> ConvAlgorithm.DIRECT);
            assertThat(b).isSameAs(a).hasSize(5);
            for (int i = 0; i < 3; i++) {
                assertThat(b.get(i)).as("level %d is reused", i).isSameAs(prefix.get(i));
            }
            assertThat(b.get(3)).isNotSameAs(oldConv);
            assertThat(b.get(3).layer).isEqualTo(B.spec().layers().get(3));
            List<SweepPath.Level> other = paths.enter(B, 1, 1, i -> ConvAlgorithm.DIRECT);
            assertThat(other).isNotSameAs(b);
            assertThat(other.get(0)).isNotSameAs(b.get(0));
        }
    }

    @Test
    void onlyOutputsNotFedToAnActivationAndNotIdentitiesAreCachedWithinTheBudget() {
        try (NDManager m = NDManager.newBaseManager()) {
            SweepPath unlimited = new SweepPath(m, Long.MAX_VALUE, IMAGES);
            List<SweepPath.Level> path = unlimited.enter(A, 1, 0, i -> ConvAlgorithm.DIRECT);
            // c4k3 (feeds relu) · relu · max2 · c4k3 (feeds relu) · relu · drop (identity) · flat
            assertThat(unlimited.planCache(path, A, 0)).containsExactly(false, true, true, false, true, false, true);
            assertThat(unlimited.cachedLevels()).isEqualTo(4);

            SweepPath tight = new SweepPath(m, bytes(A, 1), IMAGES);
            List<SweepPath.Level> p2 = tight.enter(A, 1, 0, i -> ConvAlgorithm.DIRECT);
            assertThat(tight.planCache(p2, A, 0)).as("only the first level fits")
                    .containsExactly(false, true, false, false, false, false, false);
            assertThat(p2.get(1).bytes).isEqualTo(bytes(A, 1));
            assertThat(p2.get(2).outputs).isNull();

            SweepPath none = new SweepPath(m, 0, IMAGES);
            assertThat(none.planCache(none.enter(A, 1, 0, i -> ConvAlgorithm.DIRECT), A, 0)).containsOnly(false);
        }
    }

    @Test
    void dropAllFreesEveryTrialsPathSoTheNextNetworkStartsFromTheImages() {
        try (NDManager m = NDManager.newBaseManager()) {
            SweepPath paths = new SweepPath(m, Long.MAX_VALUE, IMAGES);
            for (int trial = 0; trial < 2; trial++) {
                List<SweepPath.Level> path = paths.enter(A, 1, trial, i -> ConvAlgorithm.DIRECT);
                paths.planCache(path, A, 0);
            }
            paths.dropAll();
            List<SweepPath.Level> again = paths.enter(A, 1, 0, i -> ConvAlgorithm.DIRECT);
            assertThat(again).hasSize(A.layers().size());
            assertThat(again).allSatisfy(l -> assertThat(l.outputs).isNull());
            assertThat(SweepPath.firstUncached(again)).isZero();
        }
    }

    @Test
    void theMemoryBudgetsAllowanceCapsTheCacheBelowItsOwnCapAndANegativeOneDropsOtherTrials() {
        try (NDManager m = NDManager.newBaseManager()) {
            SweepPath paths = new SweepPath(m, Long.MAX_VALUE, IMAGES);
            List<SweepPath.Level> t0 = paths.enter(A, 1, 0, i -> ConvAlgorithm.DIRECT);
            assertThat(paths.planCache(t0, A, 0, bytes(A, 1))).as("the allowance holds the first cacheable level only")
                    .containsExactly(false, true, false, false, false, false, false);
            assertThat(paths.largestCachedBytes()).isEqualTo(bytes(A, 1));
            List<SweepPath.Level> t1 = paths.enter(A, 1, 1, i -> ConvAlgorithm.DIRECT);
            assertThat(paths.planCache(t1, A, 0, -1)).as("over budget: nothing new").containsOnly(false);
            assertThat(t0).as("trial 0's path was dropped to make room").isEmpty();
        }
    }

    @Test
    void forwardKeepsPlannedOutputsAndAgreesWithTheWholeNetwork() {
        try (NDManager m = NDManager.newBaseManager(); NDManager scratch = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(IN.withBatch(3)));
            SweepPath paths = new SweepPath(m, Long.MAX_VALUE, IMAGES);
            List<SweepPath.Level> path = paths.enter(A, 5, 2, i -> ConvAlgorithm.DIRECT);
            assertThat(SweepPath.firstUncached(path)).isZero();
            boolean[] cache = paths.planCache(path, A, 0);
            NDArray out = paths.forward(path, 0, x, 0, cache, scratch);
            try (ProbeNetwork net = ProbeNetwork.create(A.spec(), IN, m, 5, 2)) {
                assertThat(out.toFloatArray()).containsExactly(net.forward(x).toFloatArray());
                assertThat(path.get(2).outputs).hasSize(1);
                assertThat(path.get(2).outputs.get(0).getManager()).isSameAs(path.get(2).manager);
                assertThat(path.get(0).outputs).isNull();
                assertThat(paths.convBatches(ConvAlgorithm.DIRECT)).isEqualTo(2);
                assertThat(paths.convBatches(ConvAlgorithm.FFT)).isZero();

                // B shares three levels: it starts after the deepest cached one, max2's output
                List<SweepPath.Level> pb = paths.enter(B, 5, 2, i -> i == 3 ? ConvAlgorithm.FFT : ConvAlgorithm.DIRECT);
                int start = SweepPath.firstUncached(pb);
                assertThat(start).isEqualTo(3);
                assertThat(pb.get(3).op.algorithm()).isEqualTo(ConvAlgorithm.FFT);
                boolean[] cb = paths.planCache(pb, B, start);
                NDArray ob = paths.forward(pb, start, pb.get(2).outputs.get(0), start, cb, scratch);
                try (ProbeNetwork nb = ProbeNetwork.create(B.spec(), IN, m, 5, 2)) {
                    float[] want = nb.forward(x).toFloatArray();
                    float[] got = ob.reshape(3, -1).toFloatArray();
                    assertThat(got).hasSize(want.length);
                    for (int i = 0; i < want.length; i++) {
                        assertThat(got[i]).isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-5f));
                    }
                }
                assertThat(paths.convBatches(ConvAlgorithm.FFT)).isEqualTo(1);

                long cached = paths.cachedLevels();
                paths.uncache(pb, cb);
                assertThat(pb.get(4).outputs).isNull();
                assertThat(paths.cachedLevels()).isEqualTo(cached - 1);
                paths.release();
            }
        }
    }
}
