package io.convprobe.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.arch.ArchSpec;
import io.convprobe.probe.TrialResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shard planning, the shard runner and the driver's writer, on the fake prober (no engine, no Spark). */
class ShardsTest {
    @TempDir Path dir;

    private static final TrialPolicy POLICY = TrialPolicy.of(SearchFixture.SETTINGS);

    private static ResultStore started(Path runDir) {
        ResultStore store = ResultStore.openForSearch(runDir);
        store.begin(SearchFixture.config(SearchFixture.SETTINGS), SearchFixture.META, SearchFixture.candidates(), w -> { });
        return store;
    }

    private static List<ResultStore.ArchRow> rows(ResultStore store) {
        List<ResultStore.ArchRow> rows = new ArrayList<>();
        store.forEachArch(rows::add);
        return rows;
    }

    private static ShardPlan plan(ResultStore store, int depth) {
        return ShardPlan.of(store, depth, SearchFixture.INPUT, SearchFixture.SETTINGS);
    }

    @Test
    void prefixKeepsTheFirstDConvLayersAndAlwaysLeavesTheLastConvOut() {
        ArchSpec three = spec(new int[] {3, 5, 7}, new int[] {1, 2, 1});
        ArchSpec five = spec(new int[] {3, 5, 7, 3, 3}, new int[] {1, 2, 1, 1, 1});
        assertThat(ShardPlan.prefix(three, 0)).isEmpty();
        assertThat(ShardPlan.prefix(three, 1).split(" ")).hasSize(2); // conv + relu
        assertThat(ShardPlan.prefix(three, 2).split(" ")).hasSize(4);
        assertThat(ShardPlan.prefix(three, 9)).isEqualTo(ShardPlan.prefix(three, 2));
        assertThat(ShardPlan.prefix(five, 2)).isEqualTo(ShardPlan.prefix(three, 2));
        assertThat(ShardPlan.prefix(spec(new int[] {3, 5, 9}, new int[] {1, 2, 3}), 2))
                .isEqualTo(ShardPlan.prefix(three, 2));
        assertThat(ShardPlan.prefix(spec(new int[] {3, 5, 7}, new int[] {1, 1, 1}), 2))
                .isNotEqualTo(ShardPlan.prefix(three, 2));
    }

    private static ArchSpec spec(int[] kernels, int[] strides) {
        int[] ones = new int[kernels.length];
        java.util.Arrays.fill(ones, 1);
        int[] ch = new int[kernels.length];
        java.util.Arrays.fill(ch, 8);
        return ArchSpec.convRelu(ch, kernels, strides, ones);
    }

    @Test
    void shardsCoverEveryCandidateOnceAndShareTheirPrefix() {
        try (ResultStore store = started(dir)) {
            List<ResultStore.ArchRow> rows = rows(store);
            ShardPlan plan = plan(store, 2);
            List<Shard> shards = plan.all();
            // two-layer specs key on their first layer: one shard per first-layer choice
            assertThat(shards).hasSize(SearchFixture.SPACE.optionsPerLayer());
            long next = 0;
            for (Shard s : shards) {
                assertThat(s.index()).isEqualTo(shards.indexOf(s));
                assertThat(s.firstId()).isEqualTo(next);
                assertThat(s.lastId()).isGreaterThanOrEqualTo(s.firstId());
                assertThat(s.candidates()).isEqualTo(s.lastId() - s.firstId() + 1);
                Set<String> prefixes = new HashSet<>();
                long pending = 0;
                for (long id = s.firstId(); id <= s.lastId(); id++) {
                    ResultStore.ArchRow r = rows.get((int) id);
                    prefixes.add(ShardPlan.prefix(r.parsedSpec(), 2));
                    pending += r.status() == ArchStatus.PENDING ? 1 : 0;
                }
                assertThat(prefixes).containsExactly(s.prefix());
                assertThat(s.pending()).isEqualTo(pending);
                assertThat(plan.pendingOf(s.index()).ids()).hasSize(s.pending());
                next = s.lastId() + 1;
            }
            assertThat(next).isEqualTo(rows.size());
            assertThat(plan.pendingArchs()).isEqualTo(store.idsNeedingWork().length);
            // depth 0: one shard of everything
            assertThat(plan(store, 0).all()).hasSize(1);
        }
    }

    @Test
    void pendingShardsComeLongestFirstAndTiesKeepIdOrder() {
        try (ResultStore store = started(dir)) {
            List<ResultStore.ArchRow> rows = rows(store);
            // cost: the summed kernel sizes of the pending specs' first layers, so shards differ and some tie
            ShardPlan plan = ShardPlan.of(rows, 1, specs -> specs.stream()
                    .mapToDouble(s -> s.convs().get(0).kernel()).sum());
            List<Shard> order = plan.pending();
            assertThat(order).isNotEmpty().allMatch(s -> s.pending() > 0);
            for (int i = 1; i < order.size(); i++) {
                Shard a = order.get(i - 1);
                Shard b = order.get(i);
                assertThat(a.cost()).isGreaterThanOrEqualTo(b.cost());
                if (a.cost() == b.cost()) {
                    assertThat(a.index()).isLessThan(b.index());
                }
            }
            assertThat(order.get(0).cost()).isGreaterThan(order.get(order.size() - 1).cost());
            // the real (nominal cost model) plan: more conv work, more seconds
            assertThat(plan(store, 1).pending().get(0).cost()).isPositive();
        }
    }

    @Test
    void shardsThroughTheRunnerAndWriterStoreWhatALocalSearchStores() {
        Path local = dir.resolve("local");
        SearchCounts expected = new SearchFixture().run(local, new FakeProber());
        Map<String, Double> want;
        try (ResultStore s = ResultStore.open(local)) {
            want = accuracies(s);
        }
        try (ResultStore store = started(dir.resolve("shards"))) {
            ShardPlan plan = plan(store, 1);
            ShardWriter writer = new ShardWriter(store, POLICY);
            writer.sync(plan);
            FakeProber prober = new FakeProber();
            for (Shard s : plan.pending()) {
                ShardWork w = writer.work(plan, s, false);
                writer.commit(w, ShardRunner.run(w, prober, POLICY, "here", 0));
            }
            assertThat(store.counts()).isEqualTo(expected);
            assertThat(accuracies(store)).isEqualTo(want);
            assertThat(plan(store, 1).pending()).isEmpty();
            assertThat(writer.shards()).allMatch(r -> r.status().equals("DONE"));
            assertThat(writer.shards().stream().filter(r -> r.attempts() == 1)).hasSize(plan.pending().size());
        }
    }

    @Test
    void writingAShardTwiceChangesNothingAndAFailedArchKeepsItsShardPending() {
        try (ResultStore store = started(dir)) {
            ShardPlan plan = plan(store, 1);
            ShardWriter writer = new ShardWriter(store, POLICY);
            writer.sync(plan);
            Shard first = plan.pending().get(0);
            ShardWork w = writer.work(plan, first, false);
            ShardOutcome out = ShardRunner.run(w, new FakeProber(), POLICY, "here", 0);
            ShardWriter.Committed once = writer.commit(w, out);
            long trials = store.trialCount();
            Map<String, Double> rows = accuracies(store);
            ShardWriter.Committed twice = writer.commit(w, out); // a duplicated task's result
            assertThat(once.newTrials()).isPositive().isEqualTo(out.trials().size());
            assertThat(twice.newTrials()).isZero();
            assertThat(twice.statuses()).isEqualTo(once.statuses());
            assertThat(store.trialCount()).isEqualTo(trials);
            assertThat(accuracies(store)).isEqualTo(rows);
            assertThat(plan(store, 1).pending()).doesNotContain(first).hasSize(plan.pending().size() - 1);

            // one architecture of another shard throws: FAILED, the shard stays pending, the rest is stored
            Shard second = plan.pending().get(1);
            ShardWork w2 = writer.work(plan, second, false);
            FakeProber failing = new FakeProber();
            failing.failOn = w2.items().get(0).spec();
            ShardOutcome out2 = ShardRunner.run(w2, failing, POLICY, "there", 1);
            assertThat(out2.failures()).containsOnlyKeys(w2.items().get(0).archId());
            writer.commit(w2, out2);
            assertThat(store.arch(w2.items().get(0).archId()).status()).isEqualTo(ArchStatus.FAILED);
            ShardPlan again = plan(store, 1);
            assertThat(again.all().get(second.index()).pending()).isEqualTo(1);
            writer.sync(again);
            ShardWriter.ShardStatus row = writer.shards().get(second.index());
            assertThat(row.status()).isEqualTo("FAILED");
            assertThat(row.attempts()).isEqualTo(2);
            assertThat(row.host()).isEqualTo("there");
            // the retry carries the stored trials, so only the failed architecture runs
            ShardWork retry = writer.work(again, again.all().get(second.index()), false);
            assertThat(retry.items()).hasSize(1);
            writer.commit(retry, ShardRunner.run(retry, new FakeProber(), POLICY, "there", 0));
            writer.sync(plan(store, 1));
            assertThat(writer.shards().get(second.index()).status()).isEqualTo("DONE");
        }
    }

    /** "archId#trial" → test accuracy, over every stored trial. */
    static Map<String, Double> accuracies(ResultStore store) {
        Map<String, Double> m = new TreeMap<>();
        for (ArchAggregate a : store.aggregates()) {
            for (TrialResult t : store.trials(a.id())) {
                m.put(a.id() + "#" + t.trial(), t.testAccuracy());
            }
        }
        return m;
    }
}
