package io.convprobe.space;

import io.convprobe.UserException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The index arithmetic both spaces share: specs ordered by layer count ascending, then
 * lexicographically with layer 0 most significant (specs sharing a prefix are adjacent — the order
 * a depth-first prefix sweep walks), position {@code p} offering {@link #radix(int)} options, the
 * last listed position repeating for deeper layers. An index is a layer count's offset plus a
 * mixed-radix number whose digits are the per-layer option indices; {@link #digits} and
 * {@link #value} are the same arithmetic inside one layer (an option as its per-list indices).
 *
 * @param radices options at positions 0, 1, …; the last repeats
 */
record SpaceIndex(int minLayers, int maxLayers, int[] radices) {
    SpaceIndex {
        if (minLayers < 1 || maxLayers < minLayers) {
            throw new UserException("space layers must be 1 <= min <= max, got " + minLayers + ".." + maxLayers);
        }
    }

    /** Options at layer position {@code p}. */
    int radix(int p) {
        return radices[Math.min(p, radices.length - 1)];
    }

    /** Number of specs of exactly {@code layers} layers. */
    long sizeOf(int layers) {
        long n = 1;
        try {
            for (int i = 0; i < layers; i++) {
                n = Math.multiplyExact(n, radix(i));
            }
        } catch (ArithmeticException e) {
            throw new UserException("space too large: more than 2^63 networks of " + layers + " layers");
        }
        return n;
    }

    long size() {
        long n = 0;
        for (int l = minLayers; l <= maxLayers; l++) {
            try {
                n = Math.addExact(n, sizeOf(l));
            } catch (ArithmeticException e) {
                throw new UserException("space too large: more than 2^63 networks");
            }
        }
        return n;
    }

    /** Index of the first spec with {@code layers} layers. */
    long offset(int layers) {
        long n = 0;
        for (int l = minLayers; l < layers; l++) {
            n += sizeOf(l);
        }
        return n;
    }

    /** The per-position option indices of spec {@code index}. */
    int[] optionIndices(long index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("space index " + index + " not in [0, " + size() + ")");
        }
        int layers = minLayers;
        while (index >= sizeOf(layers)) {
            index -= sizeOf(layers);
            layers++;
        }
        int[] out = new int[layers];
        for (int i = layers - 1; i >= 0; i--) {
            int k = radix(i);
            out[i] = (int) (index % k);
            index /= k;
        }
        return out;
    }

    /** The inverse of {@link #optionIndices}. */
    long index(int[] options) {
        if (options.length < minLayers || options.length > maxLayers) {
            throw new IllegalArgumentException(options.length + " layers not in " + minLayers + ".." + maxLayers);
        }
        long i = 0;
        for (int p = 0; p < options.length; p++) {
            int k = radix(p);
            if (options[p] < 0 || options[p] >= k) {
                throw new IllegalArgumentException("option " + options[p] + " not in [0, " + k + ") at layer " + p);
            }
            i = i * k + options[p];
        }
        return offset(options.length) + i;
    }

    /** {@code value} split into digits of the given radices, the last varying fastest. */
    static int[] digits(int value, int[] radices) {
        int[] d = new int[radices.length];
        for (int i = radices.length - 1; i >= 0; i--) {
            d[i] = value % radices[i];
            value /= radices[i];
        }
        return d;
    }

    /** The inverse of {@link #digits}. */
    static int value(int[] digits, int[] radices) {
        int v = 0;
        for (int i = 0; i < radices.length; i++) {
            v = v * radices[i] + digits[i];
        }
        return v;
    }

    /**
     * {@code n} of the sorted {@code valid} indices drawn uniformly (a partial Fisher–Yates shuffle
     * with {@code rng}), in space order; all of them when there are at most {@code n}. Both spaces
     * sample their enumerable cases through this, so one seed gives one sample in either.
     */
    static long[] pick(long[] valid, int n, SplittableRandom rng) {
        if (n >= valid.length) {
            return valid;
        }
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(valid.length - i);
            long t = valid[i];
            valid[i] = valid[j];
            valid[j] = t;
        }
        long[] out = Arrays.copyOf(valid, n);
        Arrays.sort(out);
        return out;
    }
}
