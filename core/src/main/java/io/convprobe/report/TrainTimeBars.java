package io.convprobe.report;

import java.util.List;
import org.knowm.xchart.CategoryChart;

/** Training wall time per run as bars, minutes printed on each bar. */
public final class TrainTimeBars {
    private TrainTimeBars() {}

    public static CategoryChart build(List<TrainingSummary> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no training runs");
        }
        CategoryChart chart = ChartStyle.labelledBars("Training time per run", "run", "training time (minutes)");
        var s = chart.getStyler();
        s.setLegendVisible(false);
        s.setYAxisDecimalPattern("0.0");
        s.setPlotGridVerticalLinesVisible(false);
        double top = runs.stream().mapToDouble(TrainingSummary::trainMinutes).filter(Double::isFinite).max().orElse(1);
        s.setYAxisMax(top > 0 ? top * 1.15 : 1.0);
        s.setSeriesColors(new java.awt.Color[] {ChartStyle.categorical(2)});
        List<String> labels = runs.stream().map(TrainingSummary::runName).toList();
        chart.addSeries("training time", labels, runs.stream().map(TrainingSummary::trainMinutes).toList());
        FinalAccuracyBars.rotateIfCrowded(chart, labels);
        return chart;
    }
}
