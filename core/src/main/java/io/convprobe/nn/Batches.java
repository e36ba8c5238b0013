package io.convprobe.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/** Batch slicing that does not leak: see {@link #slice}. */
public final class Batches {
    private Batches() {}

    /**
     * Rows {@code [from, to)} of {@code all} as an array owned by {@code into}. DJL puts an
     * operation's result in its first operand's manager; without the attach every slice of the
     * long-lived image array would pile up in that array's manager until the prober closes.
     */
    public static NDArray slice(NDArray all, long from, long to, NDManager into) {
        NDArray part = all.get(new NDIndex("{}:{}", from, to));
        part.attach(into);
        return part;
    }

    /**
     * As {@link #slice}, the rows made channels-last when a chain's forward pass runs so
     * ({@link ChannelsLast}): the batches a chain starts from. Both arrays belong to {@code into}.
     */
    public static NDArray chainSlice(NDArray all, long from, long to, NDManager into) {
        return ChannelsLast.batch(slice(all, from, to, into));
    }
}
