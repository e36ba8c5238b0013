package io.convprobe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FftConv2dTest {
    /** max |fft − direct| / max |direct| for one shape. */
    static double relativeError(NDManager m, int n, int c, int h, int o, int k, int s, int d, int p, boolean bias) {
        try (NDManager t = m.newSubManager()) {
            NDArray x = t.randomUniform(0, 1, new Shape(n, c, h, h));
            float b = (float) (1 / Math.sqrt(c * k * k));
            NDArray w = t.randomUniform(-b, b, new Shape(o, c, k, k));
            NDArray bb = bias ? t.randomUniform(-b, b, new Shape(o)) : null;
            NDArray direct = Conv2d.conv2d(x, w, bb, new Shape(s, s), new Shape(p, p), new Shape(d, d), 1)
                    .singletonOrThrow();
            NDArray fft = new FftConv2d(w, bb, s, p, d).apply(x);
            assertThat(fft.getShape()).isEqualTo(direct.getShape());
            float scale = direct.abs().max().getFloat();
            float diff = fft.sub(direct).abs().max().getFloat();
            return diff / scale;
        }
    }

    @Test
    void fftSizeIsTheNextSmoothNumber() {
        assertThat(FftConv2d.fftSize(96)).isEqualTo(96);
        assertThat(FftConv2d.fftSize(97)).isEqualTo(100);
        assertThat(FftConv2d.fftSize(45)).isEqualTo(45);
        assertThat(FftConv2d.fftSize(7)).isEqualTo(8);
        assertThat(FftConv2d.fftSize(1)).isEqualTo(1);
    }

    @Test
    void equalsTheDirectConvolutionOnSeedSpaceShapes() {
        // kernels 3,5,7,9 × strides 1–3 × dilations 1–3 × in-channels 1/3/32, padding 0 or 1, with and
        // without bias, on map sizes where the dilated kernel fits; sampled so the test stays short.
        SplittableRandom rng = new SplittableRandom(12);
        List<String> failures = new ArrayList<>();
        int tested = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            for (int k : new int[] {3, 5, 7, 9}) {
                for (int s = 1; s <= 3; s++) {
                    for (int d = 1; d <= 3; d++) {
                        for (int c : new int[] {1, 3, 32}) {
                            int e = d * (k - 1) + 1;
                            int h = e + rng.nextInt(4, 30);
                            int p = rng.nextInt(2);
                            int o = c == 32 ? 32 : 1 + rng.nextInt(32);
                            double err = relativeError(m, 3, c, h, o, k, s, d, p, rng.nextBoolean());
                            tested++;
                            if (!(err <= 1e-4)) {
                                failures.add(String.format("k%d s%d d%d c%d h%d p%d: %.3g", k, s, d, c, h, p, err));
                            }
                        }
                    }
                }
            }
        }
        assertThat(tested).isEqualTo(108);
        assertThat(failures).isEmpty();
    }

    @Test
    void reusesTheKernelSpectrumAcrossBatchesAndRecomputesItForAnotherSize() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.randomUniform(-0.2f, 0.2f, new Shape(4, 3, 5, 5));
            FftConv2d conv = new FftConv2d(w, null, 1, 0, 1);
            for (int h : new int[] {20, 20, 31}) {
                NDArray x = m.randomUniform(0, 1, new Shape(2, 3, h, h));
                NDArray direct = Conv2d.conv2d(x, w, null).singletonOrThrow();
                NDArray fft = conv.apply(x);
                assertThat(fft.sub(direct).abs().max().getFloat()).isLessThan(1e-4f * direct.abs().max().getFloat());
            }
        }
    }

    @Test
    void aBatchOverTheChunkSizeRunsInSlicesWithTheWholeBatchsResults() {
        // 32 channels at 96x96: 23.6 MB of intermediates per image, so 5 images per slice; 12 images, 3 slices
        assertThat(FftConv2d.CHUNK_BYTES / FftConv2d.imageBytes(32, 32, 96, 96)).isEqualTo(5);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new Shape(12, 32, 96, 96));
            NDArray w = m.randomUniform(-0.02f, 0.02f, new Shape(32, 32, 9, 9));
            FftConv2d conv = new FftConv2d(w, null, 1, 0, 2);
            NDArray sliced = conv.apply(x);
            NDArray whole = conv.applyWhole(x);
            NDArray direct = Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(0, 0), new Shape(2, 2), 1)
                    .singletonOrThrow();
            assertThat(sliced.getShape()).isEqualTo(whole.getShape());
            // each image's transforms and channel mix are its own: slices change nothing but the memory
            assertThat(sliced.sub(whole).abs().max().getFloat()).isLessThan(1e-6f * whole.abs().max().getFloat());
            assertThat(sliced.sub(direct).abs().max().getFloat()).isLessThan(1e-4f * direct.abs().max().getFloat());
        }
    }

    @Test
    void workingBytesCountOneSliceAndTheKernelSpectrumsBuild() {
        LayerShape big = new LayerShape(io.convprobe.arch.Shape.chw(32, 92, 92),
                new io.convprobe.arch.Layer.Conv(32, 9, 2, 3, 0, true));
        long w = FftConv2d.workingBytes(big, 32);
        long spectrum = 4L * 96 * 49 * 64 * 64; // Lh × (Lw/2+1) frequencies × 2C × 2O floats
        long slice = 5 * FftConv2d.imageBytes(32, 32, 92, 92); // 5 images fit the chunk
        assertThat(w).isEqualTo(slice + FftConv2d.SPECTRUM_BUILD * spectrum);
        assertThat(slice).isLessThanOrEqualTo(FftConv2d.CHUNK_BYTES);
        assertThat(FftConv2d.workingBytes(big, 1)).isLessThan(w);
    }
}
