package io.convprobe.search;

import java.io.Serializable;

/**
 * A unit of distributed search work: the architectures with ids {@code firstId..lastId} (a range of
 * the candidates in search order) that share their first layers ({@code prefix}, the space order
 * keeps them adjacent), so a task probing them in order keeps the sweep's prefix sharing.
 *
 * @param index      position of the shard in id order, from 0 (stable for the same run and depth)
 * @param candidates architectures in the range (valid or not)
 * @param pending    of those, how many still need trials (PENDING or FAILED)
 * @param cost       predicted seconds of the pending architectures' trial 0 ({@link CostModel}); for ordering
 */
public record Shard(int index, long firstId, long lastId, String prefix, int candidates, int pending, double cost)
        implements Serializable {}
