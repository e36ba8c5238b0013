package io.convprobe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

public class ChannelsLastTest {
    private static final Shape IN = Shape.chw(3, 20, 20);

    /** Runs {@code body} with {@link ChannelsLast#PROPERTY} set to {@code value}, then restores it. */
    public static <T> T with(String value, Supplier<T> body) {
        String before = System.getProperty(ChannelsLast.PROPERTY);
        System.setProperty(ChannelsLast.PROPERTY, value);
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty(ChannelsLast.PROPERTY);
            } else {
                System.setProperty(ChannelsLast.PROPERTY, before);
            }
        }
    }

    /** libtorch's is_contiguous (NCHW order in memory); DJL 0.36 does not expose it, its JNI binding does. */
    static boolean contiguous(NDArray x) {
        try {
            Class<?> lib = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
            Field f = lib.getDeclaredField("LIB");
            f.setAccessible(true);
            Method m = lib.getDeclaredMethod("torchIsContiguous", long.class);
            m.setAccessible(true);
            return (boolean) m.invoke(f.get(null), ((PtNDArray) x).getHandle());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theCopyHoldsTheSameValuesInAnotherLayout() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1, 1, new ai.djl.ndarray.types.Shape(IN.withBatch(5)));
            NDArray cl = ChannelsLast.convert(x);
            assertThat(cl.getShape()).isEqualTo(x.getShape());
            assertThat(cl.toFloatArray()).containsExactly(x.toFloatArray());
            assertThat(contiguous(x)).isTrue();
            assertThat(contiguous(cl)).as("stored N×H×W×C").isFalse();
            NDArray flat = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(5, 7));
            assertThat(ChannelsLast.convert(flat)).as("not 4-D: untouched").isSameAs(flat);
        }
    }

    @Test
    void thePropertyDecidesAndAutoFollowsTheCap() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(IN.withBatch(2)));
            assertThat(with("false", () -> ChannelsLast.batch(x))).isSameAs(x);
            assertThat(with("true", () -> ChannelsLast.batch(x))).isNotSameAs(x);
            assertThat(with("true", ChannelsLast::layout)).isEqualTo("channels-last");
            assertThat(with("auto", ChannelsLast::inForce)).isEqualTo(CpuIsa.inForce() == null);
        }
    }

    @Test
    void aChainRunsChannelsLastThroughoutAndGivesTheNchwNumbers() {
        ArchSpec spec = SpecFormat.parse("c8k3-relu-c8k5s2-relu-c6k3d2-relu");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(IN.withBatch(6)));
            try (ProbeNetwork net = ProbeNetwork.create(spec, IN, m, 3, 0)) {
                float[] nchw = with("false", () -> net.forward(x).toFloatArray());
                List<Boolean> layouts = new ArrayList<>();
                float[] cl = with("true", () -> net.trace(x, (i, op, input) -> layouts.add(contiguous(input))).toFloatArray());
                assertThat(layouts).as("every layer's input is stored channels-last").containsOnly(false).hasSize(6);
                float[] forward = with("true", () -> net.forward(x).toFloatArray());
                assertThat(forward).as("forward and trace agree").containsExactly(cl);
                assertThat(cl).hasSameSizeAs(nchw);
                for (int i = 0; i < cl.length; i++) {
                    assertThat(cl[i]).as("feature %d", i).isCloseTo(nchw[i], org.assertj.core.data.Offset.offset(1e-5f));
                }
                ProbeLayer fft = net.layer(2).withFft(); // the FFT path takes either layout
                NDArray mid = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(6, 8, 18, 18));
                float[] fftNchw = fft.apply(mid).toFloatArray();
                float[] fftCl = fft.apply(ChannelsLast.convert(mid)).toFloatArray();
                for (int i = 0; i < fftCl.length; i++) {
                    assertThat(fftCl[i]).as("fft %d", i).isCloseTo(fftNchw[i], org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }
}
