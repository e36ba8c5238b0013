package io.convprobe.search.strategy;

import io.convprobe.arch.Shape;
import io.convprobe.search.Candidates;
import io.convprobe.space.RatioRange;
import io.convprobe.space.RichSpace;
import java.nio.file.Path;

/**
 * The specs of a file ({@code search --archs FILE}), each probed with the full protocol: all
 * registered up front like the exhaustive screen, in the file's order; no space is needed.
 */
public record Listed(Path file) implements SearchStrategy {
    @Override
    public Candidates candidates(RichSpace space, Shape input, RatioRange ratio) {
        return Candidates.listed(file, input, ratio);
    }

    @Override
    public void run(StrategyContext ctx) {
        ctx.fullRun(ctx.progress()).run();
    }
}
