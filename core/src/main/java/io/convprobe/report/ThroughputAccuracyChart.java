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
 * Throughput (x) against mean accuracy (y) of the fully tested architectures, coloured by
 * compression ratio, with the Pareto front drawn and its members labelled.
 *
 * <p>XChart colours per series, not per point, so the ratio is split into a few equal-width
 * classes coloured along viridis; the legend lists them in order and so works as a discrete colour
 * bar. Front members are labelled with their short spec; when the front is long, with their rank
 * on it ({@code #1} = fastest), matching the Pareto table.
 */
public final class ThroughputAccuracyChart {
    /** Fronts longer than this are labelled by number, not by spec, to keep the labels readable. */
    static final int MAX_TEXT_LABELS = 10;
    private static final int RATIO_CLASSES = 6;

    private ThroughputAccuracyChart() {}

    public static XYChart build(SearchSummary run) {
        List<ProbeRow> rows = run.fullyTestedRows();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no fully tested architectures in " + run.runName());
        }
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(run.runName() + ": throughput vs " + (run.rankedByAccuracy() ? "accuracy" : run.scoreName()) + " ("
                        + rows.size() + " fully tested)")
                .xAxisTitle("throughput (images/s)")
                .yAxisTitle(run.scoreTitle())
                .build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisDecimalPattern("0.0");

        double lo = rows.stream().mapToDouble(ProbeRow::ratio).min().orElseThrow();
        double hi = rows.stream().mapToDouble(ProbeRow::ratio).max().orElseThrow();
        int classes = hi > lo ? RATIO_CLASSES : 1;
        double width = (hi - lo) / classes;
        List<List<ProbeRow>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (ProbeRow r : rows) {
            int c = classes == 1 ? 0 : Math.min(classes - 1, (int) ((r.ratio() - lo) / width));
            byClass.get(c).add(r);
        }
        for (int c = 0; c < classes; c++) {
            List<ProbeRow> members = byClass.get(c);
            String name = classes == 1
                    ? String.format(Locale.ROOT, "ratio %.3f", lo)
                    : String.format(Locale.ROOT, "ratio %.3f–%.3f", lo + c * width, lo + (c + 1) * width);
            Color color = ChartStyle.viridis(classes == 1 ? 0.4 : c / (double) (classes - 1));
            // An empty class still gets a legend entry (the colour bar stays complete); NaN hides its point.
            double[] x = members.isEmpty() ? new double[] {Double.NaN}
                    : members.stream().mapToDouble(ProbeRow::throughput).toArray();
            double[] y = members.isEmpty() ? new double[] {Double.NaN}
                    : members.stream().mapToDouble(ProbeRow::score).toArray();
            XYSeries s = chart.addSeries(name, x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(color);
        }

        List<ProbeRow> front = ParetoFront.of(rows);
        XYSeries line = chart.addSeries("Pareto front (" + front.size() + ")",
                front.stream().mapToDouble(ProbeRow::throughput).toArray(),
                front.stream().mapToDouble(ProbeRow::score).toArray());
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setLineColor(ChartStyle.THRESHOLD);
        line.setLineStyle(ChartStyle.SOLID);
        line.setMarker(SeriesMarkers.DIAMOND);
        line.setMarkerColor(ChartStyle.THRESHOLD);

        PointLabels labels = new PointLabels();
        boolean asText = front.size() <= MAX_TEXT_LABELS;
        for (int i = 0; i < front.size(); i++) {
            ProbeRow r = front.get(i);
            labels.add(r.throughput(), r.score(), asText ? r.shortLabel() : "#" + (i + 1));
        }
        labels.avoidLine(front.stream().mapToDouble(ProbeRow::throughput).toArray(),
                front.stream().mapToDouble(ProbeRow::score).toArray());
        chart.addAnnotation(labels);
        padAxes(chart, rows);
        return chart;
    }

    /** Room around the points so labels at the extremes fit inside the plot. */
    private static void padAxes(XYChart chart, List<ProbeRow> rows) {
        double xMin = rows.stream().mapToDouble(ProbeRow::throughput).min().orElseThrow();
        double xMax = rows.stream().mapToDouble(ProbeRow::throughput).max().orElseThrow();
        double yMin = rows.stream().mapToDouble(ProbeRow::score).min().orElseThrow();
        double yMax = rows.stream().mapToDouble(ProbeRow::score).max().orElseThrow();
        double xPad = Math.max((xMax - xMin) * 0.08, Math.max(1, Math.abs(xMax) * 0.02));
        double yPad = Math.max((yMax - yMin) * 0.08, 0.2);
        chart.getStyler().setXAxisMin(Math.max(0, xMin - xPad));
        chart.getStyler().setXAxisMax(xMax + xPad);
        chart.getStyler().setYAxisMin(yMin - yPad);
        chart.getStyler().setYAxisMax(yMax + yPad);
    }
}
