package io.convprobe.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;

/**
 * Final validation accuracy per run as bars (value printed on each bar). When the runs differ by
 * optimizer and each model × optimizer pair occurs once, bars are grouped: one group per model,
 * one colour per optimizer (the CIFAR-10 model study's chart); otherwise one bar per run.
 */
public final class FinalAccuracyBars {
    private FinalAccuracyBars() {}

    /** Whether the runs are drawn grouped by optimizer. */
    public static boolean grouped(List<TrainingSummary> runs) {
        Set<String> optimizers = new HashSet<>();
        Set<String> pairs = new HashSet<>();
        for (TrainingSummary r : runs) {
            optimizers.add(r.optimizer());
            if (!pairs.add(r.model() + "\u0000" + r.optimizer())) {
                return false;
            }
        }
        return optimizers.size() > 1;
    }

    public static CategoryChart build(List<TrainingSummary> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no training runs");
        }
        boolean grouped = grouped(runs);
        CategoryChart chart = ChartStyle.labelledBars(
                grouped ? "Final validation accuracy by model and optimizer" : "Final validation accuracy per run",
                grouped ? "model" : "run", "validation accuracy (%)");
        var s = chart.getStyler();
        s.setYAxisDecimalPattern("0.0");
        s.setPlotGridVerticalLinesVisible(false);
        double top = runs.stream().mapToDouble(TrainingSummary::finalValAccuracy).filter(Double::isFinite).max().orElse(100);
        s.setYAxisMax(Math.min(100, Math.ceil(top * 1.12 / 10) * 10));
        if (grouped) {
            Set<String> models = new LinkedHashSet<>();
            Set<String> optimizers = new LinkedHashSet<>();
            runs.forEach(r -> {
                models.add(r.model());
                optimizers.add(r.optimizer());
            });
            List<String> labels = models.stream().map(ChartStyle::compactModel).toList();
            for (String opt : optimizers) {
                List<Double> values = new ArrayList<>();
                for (String model : models) {
                    values.add(runs.stream().filter(r -> r.model().equals(model) && r.optimizer().equals(opt))
                            .map(TrainingSummary::finalValAccuracy).findFirst().orElse(null));
                }
                chart.addSeries(opt, labels, values);
            }
            s.setLegendPosition(Styler.LegendPosition.OutsideE);
            rotateIfCrowded(chart, labels);
        } else {
            List<String> labels = runs.stream().map(TrainingSummary::runName).toList();
            chart.addSeries("validation accuracy", labels,
                    runs.stream().map(TrainingSummary::finalValAccuracy).toList());
            s.setLegendVisible(false);
            rotateIfCrowded(chart, labels);
        }
        return chart;
    }

    /** Slants category labels when they would not fit side by side under the plot. */
    static void rotateIfCrowded(CategoryChart chart, List<String> labels) {
        int longest = labels.stream().mapToInt(String::length).max().orElse(0);
        // About 7 px per character at 12 px; the plot is roughly 80 % of the chart width.
        if (longest * 7.5 * labels.size() > ChartStyle.WIDTH * 0.75) {
            chart.getStyler().setXAxisLabelRotation(30);
        }
    }
}
