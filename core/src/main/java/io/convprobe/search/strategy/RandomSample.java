package io.convprobe.search.strategy;

import io.convprobe.arch.Shape;
import io.convprobe.search.Candidates;
import io.convprobe.space.RatioRange;
import io.convprobe.space.RichSpace;

/**
 * {@code budget} distinct valid specs drawn uniformly with {@code seed} ({@link RichSpace#sample}),
 * each probed with the full protocol: {@code --sample N} under the strategy flag, same candidates.
 */
public record RandomSample(int budget, long seed) implements SearchStrategy {
    @Override
    public Candidates candidates(RichSpace space, Shape input, RatioRange ratio) {
        return Candidates.sample(space, budget, seed, input, ratio);
    }

    @Override
    public void run(StrategyContext ctx) {
        ctx.fullRun(ctx.progress()).run();
    }
}
