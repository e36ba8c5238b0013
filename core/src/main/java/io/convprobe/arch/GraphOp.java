package io.convprobe.arch;

/**
 * One operation on an edge of a {@link GraphSpec} block. A separate vocabulary from {@link Layer}
 * because cell networks need semantics the chains never had (average pooling that does not count
 * padding, global average pooling) and never need some they have (dropout, conv bias defaults);
 * the two meet in {@code nn}, where both become DJL blocks.
 */
public sealed interface GraphOp
        permits GraphOp.Conv, GraphOp.BatchNorm, GraphOp.Relu, GraphOp.AvgPool, GraphOp.GlobalAvgPool,
                GraphOp.Linear {

    /** 2-D convolution without bias (every conv of the cell networks is followed by batch norm). */
    record Conv(int outChannels, int kernel, int stride, int padding) implements GraphOp {
        public Conv {
            require(outChannels >= 1 && kernel >= 1 && stride >= 1 && padding >= 0,
                    "conv needs out channels, kernel, stride >= 1 and padding >= 0");
        }
    }

    /** Affine batch normalisation over channels (PyTorch's eps 1e-5, momentum 0.1). */
    record BatchNorm() implements GraphOp {}

    record Relu() implements GraphOp {}

    /** Average pooling; {@code countPad=false} is PyTorch's {@code count_include_pad=False}. */
    record AvgPool(int kernel, int stride, int padding, boolean countPad) implements GraphOp {
        public AvgPool {
            require(kernel >= 1 && stride >= 1 && padding >= 0 && padding * 2 <= kernel,
                    "avg pool needs kernel, stride >= 1 and padding in [0, kernel/2]");
        }
    }

    /** Average over all positions, C×H×W → C (PyTorch's {@code AdaptiveAvgPool2d(1)} + flatten). */
    record GlobalAvgPool() implements GraphOp {}

    /** Fully connected layer with bias. */
    record Linear(int outFeatures) implements GraphOp {
        public Linear {
            require(outFeatures >= 1, "linear out features must be >= 1, got " + outFeatures);
        }
    }

    /**
     * A short token for tables and errors, in the compact notation's spirit ({@code c16k3p1nb},
     * {@code bn}, {@code relu}, {@code gap}, {@code fc10}); an average pool that leaves padding out
     * of the mean ends in {@code x}: {@code avg3s1p1x}.
     */
    static String token(GraphOp op) {
        if (op instanceof Conv c) {
            return "c" + c.outChannels() + "k" + c.kernel() + (c.stride() == 1 ? "" : "s" + c.stride())
                    + (c.padding() == 0 ? "" : "p" + c.padding()) + "nb";
        } else if (op instanceof BatchNorm) {
            return "bn";
        } else if (op instanceof Relu) {
            return "relu";
        } else if (op instanceof AvgPool p) {
            return "avg" + p.kernel() + (p.stride() == p.kernel() ? "" : "s" + p.stride())
                    + (p.padding() == 0 ? "" : "p" + p.padding()) + (p.countPad() ? "" : "x");
        } else if (op instanceof GlobalAvgPool) {
            return "gap";
        }
        return "fc" + ((Linear) op).outFeatures();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new SpecException(message);
        }
    }
}
