package io.convprobe.data;

/** Argument checks shared by the readers. */
final class Ranges {
    private Ranges() {}

    static void check(Dataset ds, Split split, int from, int to) {
        int n = ds.size(split);
        if (from < 0 || to < from || to > n) {
            throw new IndexOutOfBoundsException(ds.name() + " " + split.key() + ": range [" + from + ", " + to
                    + ") outside [0, " + n + ")");
        }
    }
}
