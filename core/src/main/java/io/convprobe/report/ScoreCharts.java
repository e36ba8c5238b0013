package io.convprobe.report;

import java.awt.Color;
import java.util.Arrays;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A cell screen's charts: one score's histogram over the screened networks (the bars of
 * {@link AccuracyHistogram}, without a threshold) and one score against another per network.
 * Undefined (NaN) values are left out and counted in the title.
 */
final class ScoreCharts {
    private ScoreCharts() {}

    static XYChart histogram(String run, String score, double[] all) {
        double[] values = Arrays.stream(all).filter(Double::isFinite).toArray();
        int undefined = all.length - values.length;
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(String.format(Locale.ROOT, "%s: %s (%d networks%s)", run, score, values.length,
                        undefined == 0 ? "" : ", " + undefined + " undefined"))
                .xAxisTitle(score).yAxisTitle("networks (count)").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        if (values.length == 0) {
            chart.addSeries(score, new double[] {Double.NaN}, new double[] {Double.NaN});
            return chart;
        }
        double min = Arrays.stream(values).min().orElseThrow();
        AccuracyHistogram.Bins bins = AccuracyHistogram.bin(values, min, 20);
        AccuracyHistogram.addBars(chart, bins, min, true, ChartStyle.categorical(0), score);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    static XYChart scatter(String title, String xTitle, String yTitle, double[] x, double[] y) {
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(8);
        double[][] kept = finitePairs(x, y);
        XYSeries s = chart.addSeries("networks", kept[0].length == 0 ? new double[] {Double.NaN} : kept[0],
                kept[1].length == 0 ? new double[] {Double.NaN} : kept[1]);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new Color(ChartStyle.categorical(0).getRGB() & 0xFFFFFF | 0xB0000000, true));
        return chart;
    }

    private static double[][] finitePairs(double[] x, double[] y) {
        int[] keep = java.util.stream.IntStream.range(0, x.length)
                .filter(i -> Double.isFinite(x[i]) && Double.isFinite(y[i])).toArray();
        return new double[][] {Arrays.stream(keep).mapToDouble(i -> x[i]).toArray(),
            Arrays.stream(keep).mapToDouble(i -> y[i]).toArray()};
    }
}
