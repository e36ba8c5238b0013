package io.convprobe.proxy;

import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.SpecFormat;
import io.convprobe.nn.LayerWeights;
import io.convprobe.nn.TorchInit;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * The random linear head of the labelled proxies (grad_norm, snip, ZiCo): PyTorch's
 * {@code nn.Linear(features, classes)} default init (weight and bias uniform in ±1/√features),
 * weight laid out (classes, features), drawn from a generator seeded like {@link TorchInit}'s —
 * SHA-256 of (seed, trial, input shape, classes, whole spec) — so every run and machine gets the
 * same head for the same trial.
 */
public final class RandomHead {
    private RandomHead() {}

    public static LayerWeights initial(ArchSummary s, int classes, long seed, int trial) {
        long features = s.features();
        String key = "convprobe-proxy-head-v1|" + seed + '|' + trial + '|' + s.input() + '|' + classes + '|'
                + SpecFormat.toCompact(s.spec());
        long h;
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            h = ByteBuffer.wrap(d, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        SplittableRandom rng = new SplittableRandom(h);
        double b = TorchInit.bound(features);
        float[] w = TorchInit.uniform(rng, Math.toIntExact(classes * features), b);
        float[] bias = TorchInit.uniform(rng, classes, b);
        return new LayerWeights(w, new long[] {classes, features}, bias);
    }
}
