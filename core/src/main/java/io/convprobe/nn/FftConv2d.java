package io.convprobe.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.convprobe.arch.Layer;

/**
 * An exact 2-d convolution (PyTorch's cross-correlation: zero padding, stride, dilation, bias,
 * one group) computed through the FFT on the engine's own ops, for one layer's fixed weights.
 *
 * <p>For an input N×C×H×W padded to Hp×Wp and a kernel O×C×k×k with dilation d (effective size
 * e = d(k−1)+1), the valid cross-correlation at (i, j), 0 ≤ i ≤ Hp−e, reads input rows i..i+e−1 ≤
 * Hp−1, so the circular correlation of size L ≥ Hp (per axis) equals it there: no wrap-around reaches
 * a valid output. So: X = rfft2(x, L) (DJL has no rfft2: {@code rfft} along W, then {@code fft}
 * along H), K = conj(rfft2(dilated kernel, L)) once per layer and input size, the per-frequency
 * channel mix Y[f] = X[f]·K[f] (N×C times C×O, complex) as one batched matrix product over the
 * Lh·(Lw/2+1) frequencies — on real and imaginary parts as separate real numbers (N×2C times the
 * block matrix [[Kr, Ki], [−Ki, Kr]] of 2C×2O), because libtorch's complex matmul on CPU is far
 * slower than its real one — then the inverse ({@code ifft} along H, {@code irfft} along W),
 * cropped to the valid output and subsampled by the stride, plus the bias.
 *
 * <p>Multiply-adds per image, against the direct convolution's O·C·k²·Ho·Wo: the channel mix
 * costs 4·O·C·Lh·(Lw/2+1) ≈ 2·O·C·Hp·Wp real ones (a complex MAC is four), independent of the kernel
 * size and of the stride (the FFT computes every position, the stride discards them), plus the
 * transforms, ~5·(C+O)·Hp·Wp·log2(Hp·Wp). So FFT pays for large kernels at stride 1 and loses at
 * small kernels or large strides; the probe's layer timer measures which is faster per shape
 * ({@link ConvAlgorithm} names the choice).
 *
 * <p>Results equal the direct convolution within float32 rounding (the sums run in another
 * order), not bit for bit.
 */
public final class FftConv2d {
    private final NDArray weight; // O×C×k×k
    private final NDArray bias; // O, or null
    private final int stride;
    private final int padding;
    private final int dilation;
    private NDArray kernelSpectrum; // F×2C×2O real block form of conj(K), for the transform size below
    private long specH;
    private long specW;

    /** The layer's weights (kept, not copied); the kernel's spectrum lives in {@code weight}'s manager. */
    public FftConv2d(NDArray weight, NDArray bias, int stride, int padding, int dilation) {
        this.weight = weight;
        this.bias = bias;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
    }

    /**
     * Real multiply-adds per image of this FFT convolution on {@code shape} (a conv): the channel
     * mix 4·O·C·Lh·(Lw/2+1) (a complex multiply-add is four real ones) plus the transforms,
     * counted as 2.5·n·log2(n) per real map of n = Lh·Lw points (C forward, O inverse).
     */
    public static double macs(LayerShape shape) {
        Layer.Conv c = (Layer.Conv) shape.layer();
        long ch = shape.input().channels();
        long hp = shape.input().height() + 2L * c.padding();
        long wp = shape.input().width() + 2L * c.padding();
        double lh = fftSize(hp);
        double lw = fftSize(wp);
        double mix = 4.0 * c.outChannels() * ch * lh * (Math.floor(lw / 2) + 1);
        double points = lh * lw;
        double transforms = 2.5 * (ch + c.outChannels()) * points * (Math.log(points) / Math.log(2));
        return mix + transforms;
    }

    /**
     * Bytes this convolution holds at its peak on a batch of {@code batch}: one slice's intermediates
     * ({@link #imageBytes}, at most {@link #CHUNK_BYTES}) plus {@link #SPECTRUM_BUILD} times the kernel's
     * spectrum (F×2C×2O floats), which stays with the layer. A memory budget counts it
     * ({@code probe.WorkingSet}, {@code probe.LayerTimer#workingBytes}).
     */
    public static long workingBytes(LayerShape shape, int batch) {
        Layer.Conv c = (Layer.Conv) shape.layer();
        long hp = shape.input().height() + 2L * c.padding();
        long wp = shape.input().width() + 2L * c.padding();
        long perImage = imageBytes(shape.input().channels(), c.outChannels(), hp, wp);
        long images = Math.min(batch, Math.max(1, CHUNK_BYTES / perImage));
        long spectrum = 4L * fftSize(hp) * (fftSize(wp) / 2 + 1) * 2 * shape.input().channels() * 2 * c.outChannels();
        return images * perImage + SPECTRUM_BUILD * spectrum;
    }

    /**
     * Resident memory the kernel's spectrum takes, in spectra: the one kept and, while it is built
     * ({@link #kernel}), about one more (measured: 194 MB for a 32→32 layer at 94 pixels, whose
     * spectrum is 84 MB, with a one-image slice; issue 24).
     */
    static final int SPECTRUM_BUILD = 2;

    /** Multiply-adds per image of the direct convolution on {@code shape}: O·C·k²·Ho·Wo. */
    public static double directMacs(LayerShape shape) {
        Layer.Conv c = (Layer.Conv) shape.layer();
        long e = (long) c.dilation() * (c.kernel() - 1) + 1;
        long ho = (shape.input().height() + 2L * c.padding() - e) / c.stride() + 1;
        long wo = (shape.input().width() + 2L * c.padding() - e) / c.stride() + 1;
        return (double) c.outChannels() * shape.input().channels() * c.kernel() * c.kernel() * ho * wo;
    }

    /**
     * Whether to measure the FFT for this conv at all: only when it needs fewer multiply-adds than
     * the direct convolution (large kernels at small strides); elsewhere it cannot win.
     */
    public static boolean worthTrying(LayerShape shape) {
        return shape.layer() instanceof Layer.Conv && macs(shape) < directMacs(shape);
    }

    /** Transform length for an axis of (padded) size {@code n}: the next 2^a·3^b·5^c ≥ n (fast for pocketfft). */
    static long fftSize(long n) {
        for (long m = n;; m++) {
            long r = m;
            for (int p : new int[] {2, 3, 5}) {
                while (r % p == 0) {
                    r /= p;
                }
            }
            if (r == 1) {
                return m;
            }
        }
    }

    /**
     * The convolution of {@code x} (N×C×H×W); the result lives in {@code x}'s manager, intermediates
     * are freed. Batches whose buffers would pass {@link #CHUNK_BYTES} run in slices of images (the
     * transforms and the channel mix treat each image alone), so the path's memory stays bounded at
     * any batch size; the slice size depends only on the shapes, so results never depend on the
     * machine's memory.
     */
    public NDArray apply(NDArray x) {
        Shape s = x.getShape();
        long perImage = imageBytes(s.get(1), weight.getShape().get(0), s.get(2) + 2L * padding, s.get(3) + 2L * padding);
        long slice = Math.max(1, CHUNK_BYTES / perImage);
        if (s.get(0) <= slice) {
            return applyWhole(x);
        }
        NDManager owner = x.getManager();
        try (NDManager tmp = owner.newSubManager()) {
            NDList parts = new NDList();
            for (long from = 0; from < s.get(0); from += slice) {
                NDArray part = x.get(new NDIndex("{}:{}", from, Math.min(s.get(0), from + slice)));
                part.attach(tmp);
                NDArray y = applyWhole(part);
                y.attach(tmp);
                parts.add(y);
            }
            NDArray out = NDArrays.concat(parts, 0);
            out.attach(owner);
            return out;
        }
    }

    /**
     * Changes whenever the FFT path's speed may change (2: batches in slices, issue 24), so the
     * per-user timing cache does not choose by another implementation's timings.
     */
    public static final int REVISION = 2;

    /** Most bytes of intermediates one {@link #apply} call holds at once (then it slices the batch). */
    public static final long CHUNK_BYTES = 128L << 20;

    /**
     * Bytes of {@link #applyWhole}'s intermediates per image: about twenty float maps of
     * max(C,O)×Lh×Lw (the padded input, its spectrum — complex, twice the floats — and its
     * transposed real copy, the product and its complex view, the inverse, the crop). Twenty, not
     * the ten one counts from the code: measured, a 32-channel 92×92 k9 layer at batch 32 raised
     * resident memory by 1.1 GB where ten arrays come to 0.53 GB.
     */
    static long imageBytes(long inChannels, long outChannels, long paddedH, long paddedW) {
        return 20L * 4 * Math.max(inChannels, outChannels) * fftSize(paddedH) * fftSize(paddedW);
    }

    NDArray applyWhole(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long hp = s.get(2) + 2L * padding;
        long wp = s.get(3) + 2L * padding;
        long o = weight.getShape().get(0);
        long k = weight.getShape().get(2);
        long e = dilation * (k - 1) + 1;
        long outH = (hp - e) / stride + 1;
        long outW = (wp - e) / stride + 1;
        long lh = fftSize(hp);
        long lw = fftSize(wp);
        long fw = lw / 2 + 1;
        NDManager owner = x.getManager();
        try (NDManager tmp = owner.newSubManager()) {
            x.tempAttach(tmp); // intermediates land in tmp (an op's result joins its first operand's manager)
            NDArray spectrum = kernel(lh, lw, c, o);
            // N×C×Lh×Lw with the image at (padding, padding): zero padding and transform padding at once
            NDArray xp = tmp.zeros(new Shape(n, c, lh, lw), x.getDataType());
            xp.set(new NDIndex(":, :, {}:{}, {}:{}", padding, padding + s.get(2), padding, padding + s.get(3)), x);
            NDArray xf = xp.rfft(lw, 3).fft(lh, 2); // N×C×Lh×Fw complex
            // F×N×2C real, (re, im) interleaved per channel: libtorch's complex matmul on CPU is ~50×
            // slower than its real one, so the channel mix is one real batched product with the
            // block kernel [[Kr, Ki], [−Ki, Kr]] (see kernel()).
            NDArray xm = xf.reshape(n, c, lh * fw).real().transpose(2, 0, 1, 3).reshape(lh * fw, n, 2 * c);
            NDArray ym = xm.matMul(spectrum); // F×N×2O, (re, im) interleaved per output channel
            NDArray yf = ym.reshape(lh * fw, n, o, 2).transpose(1, 2, 0, 3).complex().reshape(n, o, lh, fw);
            NDArray y = yf.ifft(lh, 2).irfft(lw, 3); // N×O×Lh×Lw real
            NDArray out = y.get(new NDIndex(":, :, 0:{}:{}, 0:{}:{}", (outH - 1) * stride + 1, stride,
                    (outW - 1) * stride + 1, stride));
            if (bias != null) {
                out = out.add(bias.reshape(1, o, 1, 1));
            } else {
                out = out.duplicate();
            }
            out = out.toType(x.getDataType(), false);
            out.attach(owner);
            return out;
        }
    }

    /**
     * conj(rfft2 of the dilated kernel) at Lh×Lw as the real F×2C×2O block matrix that maps an
     * interleaved (re, im) input row to an interleaved output row, computed once per transform size.
     * Built {@link #KERNEL_PARTS} blocks of output channels at a time into the final array: its
     * transforms and stacked copies for all channels at once raised resident memory by 4.2–4.4 times
     * the spectrum's bytes at 90–94 pixels (each step asks glibc for a larger block than the ones just
     * freed, so closing them early did not help), by 428 MB for a 32→32 layer at 94 pixels against 194
     * MB in blocks. Each plane's transform is its own, so the blocks change no value.
     */
    private NDArray kernel(long lh, long lw, long c, long o) {
        if (kernelSpectrum != null && specH == lh && specW == lw) {
            return kernelSpectrum;
        }
        if (kernelSpectrum != null) {
            kernelSpectrum.close();
        }
        NDManager m = weight.getManager();
        long f = lh * (lw / 2 + 1);
        long k = weight.getShape().get(2);
        long e = dilation * (k - 1) + 1;
        long step = Math.max(1, (o + KERNEL_PARTS - 1) / KERNEL_PARTS);
        try (NDManager held = m.newSubManager()) {
            NDArray blocks = held.zeros(new Shape(f, c, 2, o, 2), weight.getDataType()); // F×C×2×O×2
            for (long o0 = 0; o0 < o; o0 += step) {
                long o1 = Math.min(o, o0 + step);
                try (NDManager tmp = m.newSubManager()) {
                    NDArray w = weight.get(new NDIndex("{}:{}", o0, o1));
                    w.attach(tmp);
                    NDArray wp = tmp.zeros(new Shape(o1 - o0, c, lh, lw), weight.getDataType());
                    wp.set(new NDIndex(":, :, 0:{}:{}, 0:{}:{}", e, dilation, e, dilation), w);
                    NDArray wf = wp.rfft(lw, 3).fft(lh, 2).conj(); // Ob×C×Lh×Fw
                    NDArray parts = wf.reshape(o1 - o0, c, f).real().transpose(2, 1, 0, 3); // F×C×Ob×2
                    NDArray kr = parts.get(":, :, :, 0");
                    NDArray ki = parts.get(":, :, :, 1");
                    // input part re: (out re, out im) = (Kr, Ki); input part im: (−Ki, Kr)
                    NDArray fromRe = NDArrays.stack(new NDList(kr, ki), 3); // F×C×Ob×2
                    NDArray fromIm = NDArrays.stack(new NDList(ki.neg(), kr), 3);
                    blocks.set(new NDIndex(":, :, :, {}:{}, :", o0, o1), NDArrays.stack(new NDList(fromRe, fromIm), 2));
                }
            }
            NDArray spec = blocks.reshape(f, 2 * c, 2 * o); // a view: the storage lives on with it
            spec.attach(m);
            kernelSpectrum = spec;
            specH = lh;
            specW = lw;
            return spec;
        }
    }

    /** Blocks of output channels the kernel's spectrum is built in (see {@link #kernel}). */
    static final int KERNEL_PARTS = 8;
}
