package io.convprobe.space;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.arch.Layer;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The order and the seeded samples of both spaces, pinned byte for byte: the digests were taken
 * from the code before {@link SpaceIndex} gave both spaces one index arithmetic, so any change to
 * the enumeration order, the index ↔ choices mapping, the valid lists, the samples (enumerated,
 * rejection and count-weighted draws) or the mutations fails here. The spot checks say what the
 * digests cover in readable form.
 */
class SpaceOrderGoldenTest {
    private static final Shape IN = Shape.chw(3, 32, 32);

    private static SearchSpace variable() {
        return new SearchSpace(1, 3, List.of(8, 16), List.of(1, 3, 5), List.of(1, 2), List.of(1, 2), List.of(0, 1),
                List.of(Layer.Activation.RELU, Layer.Activation.GELU));
    }

    private static SearchSpace huge() {
        return new SearchSpace(5, 5, List.of(16, 32, 64), List.of(1, 3, 5, 7), List.of(1, 2), List.of(1, 2),
                List.of(0, 1), List.of(Layer.Activation.RELU, Layer.Activation.GELU));
    }

    /** A rich space beyond the enumeration limit: count-weighted draws. */
    private static RichSpace richHuge() {
        PositionChoices p = new PositionChoices(List.of(8, 16, 32), List.of(1, 3, 5, 7), List.of(1, 2), List.of(1, 2),
                List.of(0, 1), List.of(Layer.Activation.RELU, Layer.Activation.TANH), List.of(false, true),
                List.of(PoolChoice.NONE, PoolChoice.parse("max2")));
        return new RichSpace(2, 4, List.of(p));
    }

    /** Index, option indices and spec of {@code count} indices spread over the space, one per line. */
    private static String specs(long size, int count, java.util.function.LongFunction<String> line) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < count; k++) {
            long i = size <= count ? k : (long) ((double) k * (size - 1) / (count - 1));
            if (i >= size) {
                break;
            }
            b.append(i).append(' ').append(line.apply(i)).append('\n');
        }
        return b.toString();
    }

    private static String search(SearchSpace s, int count) {
        return specs(s.size(), count, i -> Arrays.toString(s.optionIndices(i)) + " " + SpecFormat.toCompact(s.spec(i))
                + " " + s.validity(i, IN, RatioRange.DEFAULT));
    }

    private static String rich(RichSpace s, int count) {
        return specs(s.size(), count, i -> Arrays.toString(s.optionIndices(i)) + " " + SpecFormat.toCompact(s.spec(i))
                + " " + s.validity(i, IN, RatioRange.DEFAULT) + " " + s.index(s.optionIndices(i)));
    }

    private static String sha(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String samples(java.util.function.LongFunction<long[]> sample) {
        StringBuilder b = new StringBuilder();
        for (long seed : new long[] {0, 1, 7, 42}) {
            b.append(Arrays.toString(sample.apply(seed))).append('\n');
        }
        return b.toString();
    }

    @Test
    void searchSpaceOrderAndSamplesAreUnchanged() throws Exception {
        SearchSpace seed = SearchSpace.seed();
        SearchSpace var = variable();
        StringBuilder all = new StringBuilder();
        all.append(search(seed, 300)).append(search(var, 400)).append(search(huge(), 300));
        all.append(Arrays.toString(seed.validIndices(IN, RatioRange.DEFAULT))).append('\n');
        all.append(Arrays.toString(var.validIndices(IN, RatioRange.DEFAULT))).append('\n');
        all.append(samples(s -> seed.sample(20, s, IN, RatioRange.DEFAULT)));
        all.append(samples(s -> var.sample(50, s, IN, RatioRange.DEFAULT)));
        all.append(samples(s -> huge().sample(30, s, IN, RatioRange.DEFAULT)));
        assertThat(seed.spec(1)).isEqualTo(SpecFormat.parse("ks=3,3,3 st=1,1,1 di=1,1,2 ch=32"));
        assertThat(var.optionIndices(95)).containsExactly(95);
        assertThat(var.optionIndices(96)).containsExactly(0, 0);
        assertThat(sha(all.toString())).isEqualTo("f5328fa162a28bcfcff0acc412480a4945ac3b7733a49043e0b4190c019f1ebf");
    }

    @Test
    void richSpaceOrderSamplesAndMutationsAreUnchanged() throws Exception {
        RichSpace small = RichSpaceTest.small();
        RichSpace big = richHuge();
        StringBuilder all = new StringBuilder();
        all.append(rich(small, 400)).append(rich(big, 400)).append(rich(variable().rich(), 200));
        all.append(Arrays.toString(small.validIndices(Shape.chw(3, 9, 14), RatioRange.DEFAULT))).append('\n');
        all.append(small.count(IN, RatioRange.DEFAULT)).append(' ').append(big.count(IN, RatioRange.DEFAULT)).append('\n');
        all.append(samples(s -> small.sample(40, s, IN, RatioRange.DEFAULT)));
        all.append(samples(s -> big.sample(40, s, IN, RatioRange.DEFAULT)));
        all.append(samples(s -> variable().rich().sample(50, s, IN, RatioRange.DEFAULT)));
        SplittableRandom rng = new SplittableRandom(5);
        long[] valid = small.validIndices(IN, RatioRange.DEFAULT);
        for (int k = 0; k < 200; k++) {
            all.append(small.mutate(valid[k * 7 % valid.length], rng, IN, RatioRange.DEFAULT, 20)).append(' ');
        }
        assertThat(big.size()).isGreaterThan(SearchSpace.ENUMERATE_LIMIT);
        assertThat(sha(all.toString())).isEqualTo("83a98d375aaa64566f834138fa417b47e768cb3dfb20e41256384a1ab754cf7d");
    }
}
