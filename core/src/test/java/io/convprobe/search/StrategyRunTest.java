package io.convprobe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.arch.ArchSpec;
import io.convprobe.probe.ArchProber;
import io.convprobe.probe.TrialResult;
import io.convprobe.search.strategy.Evolution;
import io.convprobe.search.strategy.Halving;
import io.convprobe.search.strategy.Objective;
import io.convprobe.search.strategy.RandomSample;
import io.convprobe.search.strategy.SearchStrategy;
import io.convprobe.search.strategy.StrategyContext;
import io.convprobe.space.RichSpace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budgeted strategies on the fixture space with the fake prober: determinism and resume after a kill. */
class StrategyRunTest {
    private static final RichSpace SPACE = SearchFixture.SPACE.rich();
    private static final Objective ACCURACY = new Objective("accuracy", 0.3);

    /** Records every probe with its fidelity; crashes (as a kill would) after {@code crashAfter} probes. */
    static final class Recorder {
        final List<String> calls = new ArrayList<>();
        int crashAfter = Integer.MAX_VALUE;

        ArchProber at(int train, int test) {
            FakeProber fake = new FakeProber();
            return new ArchProber() {
                @Override
                public TrialResult probe(ArchSpec spec, int trial) {
                    if (calls.size() >= crashAfter) {
                        throw new FakeProber.SimulatedCrash();
                    }
                    TrialResult r = fake.probe(spec, trial);
                    calls.add(train + "/" + test + " " + fake.calls.get(fake.calls.size() - 1));
                    return r;
                }
            };
        }
    }

    private final SearchFixture fx = new SearchFixture();

    /** Runs (or resumes) {@code s} in {@code dir}; returns the store's architectures as text. */
    private List<String> run(Path dir, SearchStrategy s, Recorder rec) {
        try (ResultStore store = ResultStore.openForSearch(dir)) {
            Candidates c = s.candidates(SPACE, SearchFixture.INPUT, SearchFixture.RATIO);
            store.begin(new SearchConfig("fake", SearchFixture.INPUT, SearchFixture.SETTINGS, c.describe()),
                    SearchFixture.META, c, w -> { });
            StrategyTables tables = new StrategyTables(store);
            StrategyContext ctx = new StrategyContext(SPACE, SearchFixture.INPUT, SearchFixture.RATIO, store, tables,
                    SearchFixture.SETTINGS, rec::at, fx.progress, l -> { });
            s.run(ctx);
            List<String> out = new ArrayList<>();
            for (ArchAggregate a : store.aggregates()) {
                out.add(a.spaceIndex() + " " + a.status() + " " + a.trials() + " " + a.accuracy());
            }
            tables.history().forEach(h -> out.add("history " + h[0] + " <- " + h[1]));
            tables.fidelityTrials(100, 100).keySet().forEach(i -> out.add("rung0 " + i));
            out.add("passes " + tables.imagePasses(500, 500));
            return out;
        }
    }

    private static long valid() {
        return SPACE.count(SearchFixture.INPUT, SearchFixture.RATIO).valid();
    }

    private static Halving halving(long seed) {
        Halving probe = new Halving(1, 3, 100, seed, ACCURACY);
        long budget = Halving.cost(probe.rungs((int) (valid() * 2 / 3), SearchFixture.SETTINGS));
        return new Halving(budget, 3, 100, seed, ACCURACY);
    }

    private static Evolution evolution(long seed) {
        return new Evolution((int) (valid() * 2 / 3), 6, 3, seed, ACCURACY);
    }

    private static final List<Function<Long, SearchStrategy>> STRATEGIES = List.of(
            StrategyRunTest::halving, StrategyRunTest::evolution, s -> new RandomSample((int) (valid() / 2), s));

    @Test
    void theFixtureHasEnoughValidSpecsToChooseFrom() {
        assertThat(valid()).isBetween(20L, 400L);
    }

    @Test
    void eachStrategyIsDeterministicForASeed(@TempDir Path dir) {
        int k = 0;
        for (Function<Long, SearchStrategy> make : STRATEGIES) {
            Recorder a = new Recorder();
            Recorder b = new Recorder();
            Recorder c = new Recorder();
            List<String> ra = run(dir.resolve("a" + k), make.apply(7L), a);
            List<String> rb = run(dir.resolve("b" + k), make.apply(7L), b);
            List<String> rc = run(dir.resolve("c" + k++), make.apply(8L), c);
            assertThat(rb).isEqualTo(ra);
            assertThat(b.calls).isEqualTo(a.calls).isNotEmpty();
            assertThat(rc).as("another seed, another search").isNotEqualTo(ra);
        }
    }

    @Test
    void halvingProbesRungsOnMoreImagesAndStoresEachWithItsFidelity(@TempDir Path dir) {
        Recorder rec = new Recorder();
        Halving h = halving(1);
        List<Halving.Rung> plan = h.plan(valid(), SearchFixture.SETTINGS);
        assertThat(plan).extracting(Halving.Rung::trainSize).containsExactly(100, 300, 500);
        assertThat(plan.get(2).trials()).isEqualTo(3);
        run(dir, h, rec);
        assertThat(rec.calls.stream().filter(c -> c.startsWith("100/100 ")).count()).isEqualTo(plan.get(0).size());
        assertThat(rec.calls.stream().filter(c -> c.startsWith("300/300 ")).count()).isEqualTo(plan.get(1).size());
        assertThat(rec.calls.stream().filter(c -> c.startsWith("500/500 ") && c.endsWith("#0")).count())
                .isEqualTo(plan.get(2).size());
        try (ResultStore s = ResultStore.open(dir)) {
            StrategyTables t = new StrategyTables(s);
            assertThat(t.fidelityTrials(100, 100)).hasSize(plan.get(0).size());
            assertThat(t.fidelityTrials(300, 300)).hasSize(plan.get(1).size());
            assertThat(s.aggregates()).hasSize(plan.get(2).size());
            assertThat(t.imagePasses(500, 500)).isLessThanOrEqualTo(h.budget());
            // the survivors of rung 0 are its best third by accuracy
            List<Double> rung0 = t.fidelityTrials(100, 100).values().stream().map(l -> l.get(0).testAccuracy())
                    .sorted(java.util.Comparator.reverseOrder()).toList();
            double cut = rung0.get(plan.get(1).size() - 1);
            t.fidelityTrials(300, 300).keySet().forEach(i -> assertThat(
                    t.fidelityTrials(100, 100).get(i).get(0).testAccuracy()).isGreaterThanOrEqualTo(cut));
        }
    }

    @Test
    void evolutionMutatesOneChoiceOfTournamentWinnersAndNeverRepeats(@TempDir Path dir) {
        Recorder rec = new Recorder();
        Evolution e = evolution(3);
        run(dir, e, rec);
        try (ResultStore s = ResultStore.open(dir)) {
            List<long[]> history = new StrategyTables(s).history();
            assertThat(history).hasSize(e.budget());
            assertThat(history.stream().map(h -> h[0]).distinct().count()).isEqualTo(e.budget());
            for (int k = 0; k < history.size(); k++) {
                long parent = history.get(k)[1];
                if (k < e.population()) {
                    assertThat(parent).isEqualTo(-1);
                } else {
                    // the parent is a member of the population at that cycle (the last P before it)
                    List<Long> pop = history.subList(k - e.population(), k).stream().map(h -> h[0]).toList();
                    assertThat(pop).contains(parent);
                }
            }
        }
        assertThat(new HashSet<>(rec.calls)).hasSameSizeAs(rec.calls);
    }

    @Test
    void aKilledRunResumesWithoutRepeatingOrLosingAProbe(@TempDir Path dir) {
        int k = 0;
        for (Function<Long, SearchStrategy> make : STRATEGIES) {
            Recorder straight = new Recorder();
            List<String> expected = run(dir.resolve("straight" + k), make.apply(5L), straight);
            for (int stopAt : new int[] {1, straight.calls.size() / 3, straight.calls.size() - 1}) {
                Path d = dir.resolve("killed" + k + "-" + stopAt);
                Recorder first = new Recorder();
                first.crashAfter = stopAt;
                assertThatThrownBy(() -> run(d, make.apply(5L), first)).isInstanceOf(FakeProber.SimulatedCrash.class);
                Recorder second = new Recorder();
                List<String> resumed = run(d, make.apply(5L), second);
                List<String> all = new ArrayList<>(first.calls);
                all.addAll(second.calls);
                assertThat(first.calls).hasSize(stopAt);
                assertThat(all).as("strategy %d stopped after %d", k, stopAt).containsExactlyInAnyOrderElementsOf(
                        straight.calls);
                assertThat(resumed).isEqualTo(expected);
            }
            k++;
        }
    }
}
