package io.convprobe.search.strategy;

import io.convprobe.arch.Shape;
import io.convprobe.search.Candidates;
import io.convprobe.space.RatioRange;
import io.convprobe.space.RichSpace;

/** Every spec of the space (today's screen): all registered up front, invalid ones included. */
public final class Exhaustive implements SearchStrategy {
    @Override
    public Candidates candidates(RichSpace space, Shape input, RatioRange ratio) {
        return Candidates.all(space, input, ratio);
    }

    @Override
    public void run(StrategyContext ctx) {
        ctx.fullRun(ctx.progress()).run();
    }
}
