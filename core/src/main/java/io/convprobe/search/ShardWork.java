package io.convprobe.search;

import io.convprobe.probe.TrialResult;
import java.io.Serializable;
import java.util.List;

/**
 * What one task gets: a shard and its pending architectures in id order, each with the trials the
 * store already holds (a resumed architecture continues where it stopped). Small and serializable:
 * spec texts, no tensors.
 *
 * @param failFirstAttempt a test hook: the task throws on its first attempt (the engine's retry test)
 */
public record ShardWork(Shard shard, List<Item> items, boolean failFirstAttempt) implements Serializable {
    public ShardWork {
        items = List.copyOf(items);
    }

    /** One pending architecture: its id, its spec ({@code SpecFormat.toText}) and its stored trials. */
    public record Item(long archId, String spec, List<TrialResult> done) implements Serializable {
        public Item {
            done = List.copyOf(done);
        }
    }
}
