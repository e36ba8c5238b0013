package io.convprobe.arch;

/**
 * One layer of an architecture spec. Values only: how a layer changes shapes lives in
 * {@link ShapeInference}, how it becomes a network lives in {@code io.convprobe.nn}.
 */
public sealed interface Layer
        permits Layer.Conv, Layer.Act, Layer.Pool, Layer.BatchNorm, Layer.Dropout, Layer.Flatten,
                Layer.Linear {

    /** 2-D convolution with square kernel, stride, dilation and zero padding. */
    record Conv(int outChannels, int kernel, int stride, int dilation, int padding, boolean bias)
            implements Layer {
        public Conv {
            require(outChannels >= 1, "conv out channels must be >= 1, got " + outChannels);
            require(kernel >= 1, "conv kernel must be >= 1, got " + kernel);
            require(stride >= 1, "conv stride must be >= 1, got " + stride);
            require(dilation >= 1, "conv dilation must be >= 1, got " + dilation);
            require(padding >= 0, "conv padding must be >= 0, got " + padding);
        }

        /** The published screen's layer: no padding, with bias. */
        public static Conv of(int outChannels, int kernel, int stride, int dilation) {
            return new Conv(outChannels, kernel, stride, dilation, 0, true);
        }

        /** Extent of the dilated kernel: d·(k−1)+1. */
        public int effectiveKernel() {
            return dilation * (kernel - 1) + 1;
        }
    }

    /** Element-wise activation. */
    record Act(Activation fn) implements Layer {
        public Act {
            require(fn != null, "activation must be named");
        }
    }

    /** Max or average pooling (square window; PyTorch semantics, floor mode). */
    record Pool(PoolKind kind, int kernel, int stride, int padding) implements Layer {
        public Pool {
            require(kind != null, "pool kind must be max or avg");
            require(kernel >= 1, "pool kernel must be >= 1, got " + kernel);
            require(stride >= 1, "pool stride must be >= 1, got " + stride);
            require(padding >= 0 && padding * 2 <= kernel,
                    "pool padding must be between 0 and kernel/2, got " + padding + " for kernel " + kernel);
        }
    }

    /** Batch normalisation over channels (2-D) or features (1-D); channels come from the input. */
    record BatchNorm() implements Layer {}

    /** Dropout with drop probability {@code p} (identity at evaluation). */
    record Dropout(double p) implements Layer {
        public Dropout {
            require(p >= 0 && p < 1, "dropout probability must be in [0, 1), got " + p);
        }
    }

    /** Flattens C×H×W to a vector. */
    record Flatten() implements Layer {}

    /** Fully connected layer to {@code outFeatures}. */
    record Linear(int outFeatures, boolean bias) implements Layer {
        public Linear {
            require(outFeatures >= 1, "linear out features must be >= 1, got " + outFeatures);
        }
    }

    enum Activation {
        RELU, GELU, TANH, SIGMOID, IDENTITY;

        public String key() {
            return name().toLowerCase();
        }

        public static Activation parse(String s) {
            for (Activation a : values()) {
                if (a.key().equals(s.trim().toLowerCase())) {
                    return a;
                }
            }
            throw new SpecException("unknown activation '" + s + "' (known: relu, gelu, tanh, sigmoid, identity)");
        }
    }

    enum PoolKind {
        MAX, AVG;

        public String key() {
            return name().toLowerCase();
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new SpecException(message);
        }
    }
}
