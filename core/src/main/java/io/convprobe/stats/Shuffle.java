package io.convprobe.stats;

import java.util.SplittableRandom;

/** Seeded permutations, the same on every machine (SplittableRandom is specified bit for bit). */
public final class Shuffle {
    private Shuffle() {}

    /** A uniformly random permutation of 0..n−1: Fisher–Yates from the end with {@code SplittableRandom(seed)}. */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
