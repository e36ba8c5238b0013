package io.convprobe.search;

/**
 * How the candidates of a search ended up. {@code candidates} = every spec the search considered
 * (the whole space, the sample, or the list); invalid ones are split into shape-invalid and ratio
 * out of range; the valid ones are cut after trial 0, fully tested, failed, or still pending.
 */
public record SearchCounts(long candidates, long invalidShape, long ratioOutOfRange, long cut, long full,
        long failed, long pending) {

    public long valid() {
        return candidates - invalidShape - ratioOutOfRange;
    }

    public boolean finished() {
        return pending == 0 && failed == 0;
    }
}
