package io.convprobe.search.strategy;

import io.convprobe.arch.Shape;
import io.convprobe.search.Candidates;
import io.convprobe.space.RatioRange;
import io.convprobe.space.RichSpace;

/**
 * How a search spends its probes. A strategy names the candidates a run starts with (exhaustive
 * and random know them up front; halving and evolution register theirs as they go, so they start
 * with none), then runs or resumes against a started store. Every decision is a function of the
 * seed and of the stored results in their stored order, so a killed run re-run with the same
 * command repeats no probe and loses none, and a seed always gives the same search (given the same
 * stored numbers: the fitness objective reads measured throughputs).
 */
public interface SearchStrategy {
    /** The candidates registered when the run starts; their description is the run's identity. */
    Candidates candidates(RichSpace space, Shape input, RatioRange ratio);

    /** Runs, or resumes, until the budget is spent. */
    void run(StrategyContext ctx);
}
