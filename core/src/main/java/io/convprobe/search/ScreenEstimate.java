package io.convprobe.search;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.data.Dataset;
import io.convprobe.nn.LayerShape;
import io.convprobe.probe.LayerTimings;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.probe.ProxyCost;
import io.convprobe.proxy.Proxies;
import java.util.ArrayList;
import java.util.List;

/**
 * The one price of a screen, for {@code search --dry-run}, the demo's sizing and the Spark shards:
 * the {@link CostModel} on the timing table (layers, ridge fits, NASWOT's code Grams, re-measuring
 * the networks cut on throughput) plus the other proxies, measured per trial on five candidates
 * spread over the list ({@link ProxyCost}: the first five in space order are among the largest
 * networks; on a 2,000-network 3x96x96 sample they priced the proxies at 115 s, measured 76 s) and
 * paid by every network that is not cut, plus the timing table's own measuring when the search will
 * redo it. Checked against real runs within ±30 % ({@code tools/check-cost-model.sh}).
 *
 * @param tableKept true when the search will reuse the table's rows (kept in its store): then its
 *                  measuring is not part of the search's time
 */
public record ScreenEstimate(CostModel model, Shape input, ProbeSettings settings, Proxies proxies,
        double proxySecondsEach, boolean tableKept) {

    /**
     * The predicted time of a screen: trial 0 (its parts) and each later trial.
     *
     * @param work         the cost model's trial-0 pass
     * @param proxySeconds the proxies other than NASWOT's Grams, per trial, over the networks not cut
     * @param tableSeconds measuring the timing table's rows for these networks (0 when kept)
     */
    public record Cost(CostModel.Estimate work, double proxySeconds, double tableSeconds, int trials) {
        public double trial0() {
            return work.seconds() + proxySeconds + tableSeconds;
        }

        /** Each trial after the first: no table, no cuts (cut networks stop at trial 0). */
        public double laterTrial() {
            return work.laterTrialSeconds() + proxySeconds;
        }

        /** Every trial, as if every architecture passed trial 0. */
        public double all() {
            return trial0() + laterTrial() * (trials - 1);
        }
    }

    /**
     * Calibrates on {@code table} (its rows are measured as the model asks for them) and times the
     * proxies on five candidates spread over {@code candidates}.
     */
    public static ScreenEstimate calibrate(Dataset data, ProbeSettings settings, Proxies proxies, LayerTimings table,
            List<ArchSpec> candidates, boolean tableKept) {
        CostModel model = CostModel.calibrate(settings.trainSize(), table);
        double each = ProxyCost.perTrial(data, settings, proxies, spread(candidates, 5));
        return new ScreenEstimate(model, data.imageShape(), settings, proxies, each, tableKept);
    }

    /** {@code n} specs spread evenly over the list, first and last included. */
    public static List<ArchSpec> spread(List<ArchSpec> specs, int n) {
        List<ArchSpec> out = new ArrayList<>();
        int k = Math.min(n, specs.size());
        for (int i = 0; i < k; i++) {
            out.add(specs.get((int) ((long) i * (specs.size() - 1) / Math.max(1, k - 1))));
        }
        return out;
    }

    /** The screen of {@code specs} in this order. */
    public Cost of(List<ArchSpec> specs) {
        CostModel.Estimate e = model.estimate(specs, input, settings, proxies);
        return new Cost(e, proxySecondsEach * (e.archs() - e.cut()), tableKept ? 0 : tableSeconds(specs), settings.trials());
    }

    /**
     * One shard's trial 0 in core-seconds ({@code threads} cores for its seconds): the table is
     * measured by the driver before the shards run, so it is not part of a shard's cost.
     */
    public double shardCoreSeconds(List<ArchSpec> specs, int threads) {
        CostModel.Estimate e = model.estimate(specs, input, settings, proxies);
        return (e.seconds() + proxySecondsEach * (e.archs() - e.cut())) * threads;
    }

    /**
     * What the search will spend measuring its own timing table for {@code specs}: their distinct
     * layer shapes at the mean cost of the rows measured here (all of them, when the table was filled
     * for exactly these specs).
     */
    private double tableSeconds(List<ArchSpec> specs) {
        LayerTimings table = model.table();
        if (table.measuredCount() == 0) {
            return 0;
        }
        int shapes = LayerShape.distinct(specs.stream().map(s -> ShapeInference.infer(s, input)).toList()).size();
        return shapes == table.measuredCount() ? table.measureSeconds()
                : shapes * table.measureSeconds() / table.measuredCount();
    }
}
