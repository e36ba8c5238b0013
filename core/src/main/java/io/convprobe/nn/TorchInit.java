package io.convprobe.nn;

import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Layer;
import io.convprobe.arch.LayerInfo;
import io.convprobe.arch.SpecFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * PyTorch's default initialisation for {@code Conv2d} and {@code Linear}, drawn from our own seeded
 * generator so that the same (spec, trial, seed) gives the same weights on every run and machine.
 *
 * <p>PyTorch's {@code reset_parameters} uses {@code kaiming_uniform_(w, a=√5)}: bound =
 * gain·√(3/fan_in) with gain = √(2/(1+a²)) = √(1/3), i.e. bound = 1/√fan_in; the bias is uniform in
 * ±1/√fan_in too. fan_in = in_channels·k·k (conv) or in_features (linear). BatchNorm starts at
 * weight 1, bias 0.
 *
 * <p>Seeding: each layer's generator is seeded from (seed, trial, input channels, the compact token
 * of that layer and of every layer before it). Two specs that share their first k layers therefore
 * get identical weights for those layers — what the shared-prefix sweep relies on — while any
 * change in an earlier layer gives a later layer fresh weights.
 */
public final class TorchInit {
    private TorchInit() {}

    /** 1/√fan_in: PyTorch's bound for both weights and biases of conv and linear layers. */
    public static double bound(long fanIn) {
        return 1.0 / Math.sqrt(fanIn);
    }

    /** The generator seed for layer {@code index} of a spec. */
    public static long layerSeed(long seed, int trial, int inputChannels, java.util.List<Layer> layers, int index) {
        StringBuilder key = new StringBuilder("convprobe-init-v1|").append(seed).append('|').append(trial).append('|')
                .append(inputChannels);
        for (int i = 0; i <= index; i++) {
            key.append('|').append(SpecFormat.token(layers.get(i)));
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(h, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Initial values of layer {@code index}, or null for layers without parameters. */
    public static LayerWeights forLayer(ArchSummary summary, int index, long seed, int trial) {
        LayerInfo info = summary.layers().get(index);
        Layer layer = info.layer();
        if (layer instanceof Layer.Conv c) {
            int in = info.input().channels();
            long fanIn = (long) in * c.kernel() * c.kernel();
            SplittableRandom rng = new SplittableRandom(
                    layerSeed(seed, trial, summary.input().channels(), summary.spec().layers(), index));
            double b = bound(fanIn);
            float[] w = uniform(rng, Math.toIntExact(c.outChannels() * fanIn), b);
            float[] bias = c.bias() ? uniform(rng, c.outChannels(), b) : null;
            return new LayerWeights(w, new long[] {c.outChannels(), in, c.kernel(), c.kernel()}, bias);
        }
        if (layer instanceof Layer.Linear fc) {
            int in = info.input().channels();
            SplittableRandom rng = new SplittableRandom(
                    layerSeed(seed, trial, summary.input().channels(), summary.spec().layers(), index));
            double b = bound(in);
            float[] w = uniform(rng, Math.toIntExact((long) fc.outFeatures() * in), b);
            float[] bias = fc.bias() ? uniform(rng, fc.outFeatures(), b) : null;
            return new LayerWeights(w, new long[] {fc.outFeatures(), in}, bias);
        }
        if (layer instanceof Layer.BatchNorm) {
            int ch = info.input().channels();
            float[] ones = new float[ch];
            Arrays.fill(ones, 1f);
            return new LayerWeights(ones, new long[] {ch}, new float[ch]);
        }
        return null;
    }

    /** n values uniform in [−bound, bound). */
    public static float[] uniform(SplittableRandom rng, int n, double bound) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return out;
    }
}
