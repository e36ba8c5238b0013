package io.convprobe.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryGovernorTest {
    private static final long MB = 1L << 20;

    /** A process whose resident memory is {@code rss}; a trim drops it to {@code live}. */
    private final AtomicLong rss = new AtomicLong();
    private final AtomicLong live = new AtomicLong();
    private final AtomicInteger trims = new AtomicInteger();

    /** Resident memory now {@code now} MB, of which a trim leaves {@code afterTrim} MB. */
    private void resident(long now, long afterTrim) {
        rss.set(now * MB);
        live.set(afterTrim * MB);
    }

    private MemoryGovernor governor(long budget) {
        return new MemoryGovernor(budget, rss::get, () -> {
            trims.incrementAndGet();
            rss.set(live.get());
            return true;
        });
    }

    @Test
    void admitGivesTheCacheWhatTheResidentMemoryAndTheNetworkLeave() {
        MemoryGovernor g = governor(1000 * MB);
        g.register();
        resident(400, 400);
        long usable = 1000 * MB - (long) (1000 * MB * MemoryGovernor.MARGIN);
        assertThat(g.admit(100 * MB)).isEqualTo(usable - 500 * MB);
        assertThat(trims).hasValue(0); // room enough: freed memory stays for reuse (no page faults)
    }

    @Test
    void admitTrimsFirstWhenTheNetworkWouldNotFitAndSaysHowFarOverItIs() {
        MemoryGovernor g = governor(1000 * MB);
        g.register();
        resident(900, 400); // 500 MB of it freed memory glibc keeps
        long allowance = g.admit(300 * MB);
        assertThat(trims).hasValue(1);
        assertThat(allowance).isPositive().isLessThan(300 * MB);
        resident(800, 800); // the live set alone leaves no room for the next network
        assertThat(g.admit(300 * MB)).isNegative();
        assertThat(g.stats().worstOver()).isGreaterThan(100 * MB);
    }

    @Test
    void activeProbersSplitTheHeadroom() {
        MemoryGovernor g = governor(1000 * MB);
        resident(200, 200);
        g.register();
        long alone = g.admit(0);
        g.register();
        assertThat(g.admit(0)).isEqualTo(alone / 2);
        g.unregister();
        assertThat(g.admit(0)).isEqualTo(alone);
    }

    @Test
    void checkTrimsNearTheBudgetAndThenOnlyAfterFurtherGrowth() {
        MemoryGovernor g = governor(1000 * MB);
        resident(500, 500);
        g.check();
        assertThat(trims).hasValue(0);
        resident(990, 930); // the live set itself is near the budget: a trim gives little back
        g.check();
        assertThat(trims).hasValue(1);
        rss.set(935 * MB); // grown a little since: no trim on every batch
        g.check();
        assertThat(trims).hasValue(1);
        rss.set(930 * MB + MemoryGovernor.STEP + 8 * MB);
        g.check();
        assertThat(trims).hasValue(2);
    }

    @Test
    void noBudgetNeverTrimsOrLimits() {
        MemoryGovernor g = MemoryGovernor.of(MemoryBudget.NONE);
        assertThat(g.bounded()).isFalse();
        assertThat(g.admit(Long.MAX_VALUE / 4)).isEqualTo(Long.MAX_VALUE);
        g.check();
        assertThat(g.stats().trims()).isZero();
    }

    @Test
    void settleTrimsAndReportsWhatIsLeft() {
        MemoryGovernor g = governor(1000 * MB);
        resident(700, 350);
        assertThat(g.settle()).isEqualTo(350 * MB);
        assertThat(g.stats().trims()).isEqualTo(1);
        assertThat(g.usable()).isLessThan(1000 * MB);
    }

    /** The mmap thresholds the governors set, in order. */
    private final java.util.List<Long> thresholds = new java.util.ArrayList<>();

    private MemoryGovernor recording(long budget, long threshold) {
        return new MemoryGovernor(budget, rss::get, () -> {
            trims.incrementAndGet();
            rss.set(live.get());
            return true;
        }, thresholds::add, threshold);
    }

    @Test
    void everyNetworkRunsAtItsOwnBudgetsMmapThresholdNotAtTheSmallestOfTheProcess() {
        MemoryGovernor small = recording(1000 * MB, 4 * MB);
        MemoryGovernor large = recording(4000 * MB, 16 * MB);
        resident(300, 300);
        small.admit(100 * MB);
        large.admit(100 * MB); // a larger budget after a smaller one in the same JVM (bench search's sweeps)
        large.admit(100 * MB);
        small.admit(100 * MB);
        assertThat(thresholds).containsExactly(4 * MB, 16 * MB, 16 * MB, 4 * MB);
    }
}
