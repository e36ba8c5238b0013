package io.convprobe.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Histogram of trial-0 accuracy over every probed architecture, bins below the accuracy threshold
 * in grey and above it in blue, the threshold drawn as a vertical line. Bin edges are aligned on
 * the threshold so no bin straddles it.
 */
public final class AccuracyHistogram {
    private AccuracyHistogram() {}

    /** Bin edges (n+1) and counts (n). */
    record Bins(double[] edges, int[] counts) {}

    public static XYChart build(SearchSummary run) {
        double[] values = run.rows().stream().mapToDouble(ProbeRow::accuracyTrial0)
                .filter(Double::isFinite).toArray();
        if (values.length == 0) {
            throw new IllegalArgumentException("no probed architectures in " + run.runName());
        }
        double threshold = run.minAccuracy();
        Bins bins = bin(values, threshold, 24);
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(run.runName() + ": trial-0 probe accuracy (" + values.length + " architectures)")
                .xAxisTitle("trial-0 probe accuracy (%)")
                .yAxisTitle("architectures (count)")
                .build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        chart.getStyler().setPlotGridVerticalLinesVisible(false);

        addBars(chart, bins, threshold, false, new Color(0xA6A6A6),
                String.format(Locale.ROOT, "below %.1f %% (cut)", threshold));
        addBars(chart, bins, threshold, true, new Color(0x0072B2),
                String.format(Locale.ROOT, "at or above %.1f %%", threshold));
        int maxCount = 0;
        for (int c : bins.counts()) {
            maxCount = Math.max(maxCount, c);
        }
        double top = Math.max(1, maxCount) * 1.12;
        XYSeries line = chart.addSeries(String.format(Locale.ROOT, "threshold %.1f %%", threshold),
                new double[] {threshold, threshold}, new double[] {0, top});
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setLineColor(ChartStyle.THRESHOLD);
        line.setLineStyle(ChartStyle.DASHED);
        line.setMarker(SeriesMarkers.NONE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(top);
        double[] e = bins.edges();
        chart.getStyler().setXAxisMin(Math.min(e[0], threshold) - (e[1] - e[0]));
        chart.getStyler().setXAxisMax(Math.max(e[e.length - 1], threshold) + (e[1] - e[0]));
        return chart;
    }

    /**
     * Bars as one polygon: each bar is left-bottom, left-top, right-top, right-bottom, so the
     * stretches along the baseline enclose no area and the bars stay separate.
     */
    static void addBars(XYChart chart, Bins bins, double threshold, boolean above, Color color, String name) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        double[] e = bins.edges();
        double gap = (e[1] - e[0]) * 0.06;
        for (int i = 0; i < bins.counts().length; i++) {
            boolean isAbove = e[i] >= threshold - 1e-9;
            if (isAbove != above || bins.counts()[i] == 0) {
                continue;
            }
            double l = e[i] + gap;
            double r = e[i + 1] - gap;
            double h = bins.counts()[i];
            xs.addAll(List.of(l, l, r, r));
            ys.addAll(List.of(0.0, h, h, 0.0));
        }
        if (xs.isEmpty()) {
            // Keep the legend entry (the reader learns nothing fell on this side) without drawing.
            xs.add(Double.NaN);
            ys.add(Double.NaN);
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(color);
        // No outline: it would draw the zero-height stretches between bars as a line on the baseline.
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setMarker(SeriesMarkers.NONE);
    }

    /** About {@code target} bins of a nice width, with the threshold on an edge. */
    static Bins bin(double[] values, double threshold, int target) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double step = ChartStyle.niceStep(Math.max(max - min, 1e-6), target);
        double start = threshold - Math.ceil((threshold - min) / step) * step;
        if (start > min) {
            start -= step;
        }
        int n = Math.max(1, (int) Math.floor((max - start) / step) + 1);
        double[] edges = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            edges[i] = start + i * step;
        }
        int[] counts = new int[n];
        for (double v : values) {
            int i = (int) Math.floor((v - start) / step + 1e-9);
            counts[Math.max(0, Math.min(n - 1, i))]++;
        }
        return new Bins(edges, counts);
    }
}
