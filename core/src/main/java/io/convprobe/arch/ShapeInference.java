package io.convprobe.arch;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact shape arithmetic, as PyTorch computes it, without building a network. Spatial sizes use
 * floor mode: {@code out = floor((in + 2p − d·(k−1) − 1) / s) + 1}. An impossible layer (a dilated
 * kernel larger than its padded input, a linear layer on an unflattened image, ...) throws a
 * {@link SpecException} naming the layer and the sizes.
 *
 * <p>Receptive field (per axis, square): {@code rf += (k_eff − 1) · jump; jump *= stride}; it stays
 * fixed once the image is flattened.
 */
public final class ShapeInference {
    private ShapeInference() {}

    public static ArchSummary infer(ArchSpec spec, Shape input) {
        List<LayerInfo> rows = new ArrayList<>();
        Shape cur = input;
        int rf = 1;
        int jump = 1;
        List<Layer> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            Shape in = cur;
            long params = 0;
            long macs = 0;
            if (l instanceof Layer.Conv c) {
                requireImage(i, l, in);
                int h = spatial(i, l, in.height(), c.effectiveKernel(), c.stride(), c.padding(), in);
                int w = spatial(i, l, in.width(), c.effectiveKernel(), c.stride(), c.padding(), in);
                cur = Shape.chw(c.outChannels(), h, w);
                long perOutput = (long) in.channels() * c.kernel() * c.kernel();
                params = c.outChannels() * perOutput + (c.bias() ? c.outChannels() : 0);
                macs = cur.elements() * perOutput;
                rf += (c.effectiveKernel() - 1) * jump;
                jump *= c.stride();
            } else if (l instanceof Layer.Pool p) {
                requireImage(i, l, in);
                int h = spatial(i, l, in.height(), p.kernel(), p.stride(), p.padding(), in);
                int w = spatial(i, l, in.width(), p.kernel(), p.stride(), p.padding(), in);
                cur = Shape.chw(in.channels(), h, w);
                rf += (p.kernel() - 1) * jump;
                jump *= p.stride();
            } else if (l instanceof Layer.BatchNorm) {
                params = 2L * in.channels(); // weight and bias; running stats are buffers, not parameters
            } else if (l instanceof Layer.Flatten) {
                cur = Shape.vector(Math.toIntExact(in.elements()));
            } else if (l instanceof Layer.Linear fc) {
                if (in.isImage()) {
                    throw new SpecException(where(i, l) + ": linear needs a flat input, got " + in
                            + " (add a flatten layer before it)");
                }
                params = (long) in.channels() * fc.outFeatures() + (fc.bias() ? fc.outFeatures() : 0);
                macs = (long) in.channels() * fc.outFeatures();
                cur = Shape.vector(fc.outFeatures());
            }
            // activations and dropout keep the shape and have no parameters
            rows.add(new LayerInfo(i, l, in, cur, params, macs, rf));
        }
        return new ArchSummary(spec, input, rows);
    }

    /** True when every layer fits its input (no exception from {@link #infer}). */
    public static boolean fits(ArchSpec spec, Shape input) {
        try {
            infer(spec, input);
            return true;
        } catch (SpecException e) {
            return false;
        }
    }

    /** Output size of a conv/pool along one axis; 0 or less means the kernel does not fit. */
    public static int outSize(int in, int effectiveKernel, int stride, int padding) {
        int span = in + 2 * padding - effectiveKernel;
        return span < 0 ? 0 : span / stride + 1;
    }

    private static int spatial(int i, Layer l, int in, int effKernel, int stride, int padding, Shape inShape) {
        int out = outSize(in, effKernel, stride, padding);
        if (out < 1) {
            String pad = padding > 0 ? " padded by " + padding : "";
            throw new SpecException(where(i, l) + ": " + (l instanceof Layer.Conv ? "dilated kernel " : "pool window ")
                    + effKernel + "x" + effKernel + " is larger than its input " + inShape + pad);
        }
        return out;
    }

    private static void requireImage(int i, Layer l, Shape in) {
        if (!in.isImage()) {
            throw new SpecException(where(i, l) + ": needs a CxHxW input, got flat " + in);
        }
    }

    static String where(int i, Layer l) {
        return "layer " + i + " (" + SpecFormat.token(l) + ")";
    }
}
