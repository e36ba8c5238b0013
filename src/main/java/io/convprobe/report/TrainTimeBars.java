package io.convprobe.report;

import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Training wall time per run as bars, minutes printed on each bar. */
public final class TrainTimeBars {
    private TrainTimeBars() {}

    public static CategoryChart build(List<TrainingSummary> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no training runs");
        }
        CategoryChart chart = new CategoryChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("Training time per run")
                .xAxisTitle("run")
                .yAxisTitle("training time (minutes)")
                .build();
        ChartStyle.apply(chart.getStyler());
        var s = chart.getStyler();
        s.setLabelsVisible(true);
        s.setLabelsFont(ChartStyle.TICK_FONT);
        // Values inside the top of each bar, white on dark bars and black on light ones.
        s.setLabelsFontColorAutomaticEnabled(true);
        s.setLabelsFontColorAutomaticLight(java.awt.Color.WHITE);
        s.setLabelsFontColorAutomaticDark(java.awt.Color.BLACK);
        s.setLabelsPosition(0.96);
        s.setLegendVisible(false);
        s.setYAxisMin(0.0);
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
