package io.convprobe.nn;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * Channels-last batches for the forward-only passes of a chain (the probe's features, the sweep,
 * the timing table): the same N×C×H×W array, its values stored N×H×W×C in memory. libtorch's
 * oneDNN convolution keeps a channels-last input's layout for its output (and the ReLU after it),
 * so converting each image batch once makes the whole chain run channels-last. DJL 0.36 has no
 * memory-format call; a transpose copied in NHWC order and viewed back as N×C×H×W is exactly that.
 *
 * <p>Why only uncapped: on an AVX-512 machine (2026-12-06) the sweep's convolutions ran 1.04–1.5×
 * faster per layer shape and 1.2× in total with oneDNN uncapped, as forward-only processes run;
 * under the AVX cap that gradient processes take, dilated convolutions ran slower channels-last
 * (docs/benchmarks.md). Values may differ from NCHW's in the last bits (a different summation
 * order inside oneDNN); a process uses one layout throughout, so the sweep and the one-at-a-time
 * probe agree bit for bit, and the timing cache keys its rows by layout.
 */
public final class ChannelsLast {
    /** {@code auto} (the default: channels-last when oneDNN runs uncapped), {@code true} or {@code false}. */
    public static final String PROPERTY = "convprobe.channelsLast";

    private ChannelsLast() {}

    /** Whether this process's chain passes run channels-last now (read on every call: the cap is decided per command). */
    public static boolean inForce() {
        String v = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> CpuIsa.inForce() == null;
        };
    }

    /** {@code nchw} or {@code channels-last}: what {@link #batch} does now (for the timing cache's key). */
    public static String layout() {
        return inForce() ? "channels-last" : "nchw";
    }

    /**
     * {@code x} (N×C×H×W) as a channels-last copy in {@code x}'s manager, or {@code x} itself when
     * channels-last is not in force or {@code x} is not 4-D. The caller closes a copy it got.
     */
    public static NDArray batch(NDArray x) {
        return inForce() ? convert(x) : x;
    }

    /** {@code x} as a channels-last copy (4-D arrays; any other is returned as it is). */
    static NDArray convert(NDArray x) {
        if (x.getShape().dimension() != 4) {
            return x;
        }
        long n = x.getShape().get(0), c = x.getShape().get(1), h = x.getShape().get(2), w = x.getShape().get(3);
        try (NDArray nhwc = x.transpose(0, 2, 3, 1);
                NDArray rows = nhwc.reshape(n, h * w * c); // not a view of a transpose: a copy in NHWC order
                NDArray back = rows.reshape(n, h, w, c)) {
            return back.transpose(0, 3, 1, 2); // a view: PyTorch keeps the storage alive through it
        }
    }
}
