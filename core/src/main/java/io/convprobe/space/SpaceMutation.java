package io.convprobe.space;

import io.convprobe.arch.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Regularized evolution's mutation on a {@link RichSpace}: one list value of one layer changed (any
 * other value, uniformly), or one layer dropped or added at the end when the layer range allows;
 * redrawn until the child is valid or the attempts run out.
 */
final class SpaceMutation {
    private SpaceMutation() {}

    static long mutate(RichSpace space, long index, SplittableRandom rng, Shape input, RatioRange ratio, int attempts) {
        int[] opts = space.optionIndices(index);
        for (int a = 0; a < attempts; a++) {
            List<int[]> moves = new ArrayList<>(); // {position, attribute}; attribute −1 = drop last, −2 = add one
            for (int p = 0; p < opts.length; p++) {
                int[] r = space.at(p).radices();
                for (int k = 0; k < r.length; k++) {
                    if (r[k] > 1) {
                        moves.add(new int[] {p, k});
                    }
                }
            }
            if (opts.length > space.minLayers()) {
                moves.add(new int[] {opts.length - 1, -1});
            }
            if (opts.length < space.maxLayers()) {
                moves.add(new int[] {opts.length, -2});
            }
            if (moves.isEmpty()) {
                return -1;
            }
            int[] m = moves.get(rng.nextInt(moves.size()));
            int[] child;
            if (m[1] == -1) {
                child = Arrays.copyOf(opts, opts.length - 1);
            } else if (m[1] == -2) {
                child = Arrays.copyOf(opts, opts.length + 1);
                child[opts.length] = rng.nextInt(space.at(opts.length).size());
            } else {
                child = opts.clone();
                PositionChoices pc = space.at(m[0]);
                int[] d = pc.digits(child[m[0]]);
                int r = pc.radices()[m[1]];
                d[m[1]] = (d[m[1]] + 1 + rng.nextInt(r - 1)) % r; // any other value, uniformly
                child[m[0]] = pc.option(d);
            }
            if (space.validity(child, input, ratio) == Validity.VALID) {
                return space.index(child);
            }
        }
        return -1;
    }
}
