package io.convprobe.report;

import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Probe accuracy (x) against trained accuracy (y) per architecture, each point labelled, ρ/τ/n in the title. */
public final class ProxyScatter {
    private ProxyScatter() {}

    public static XYChart build(ProxyValidation v) {
        List<ProxyPoint> pts = v.points().stream()
                .filter(p -> Double.isFinite(p.probeAccuracy()) && Double.isFinite(p.trainedAccuracy())).toList();
        if (pts.isEmpty()) {
            throw new IllegalArgumentException("no proxy points for " + v.searchRun());
        }
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(String.format(Locale.ROOT, "%s: screen vs training (Spearman ρ = %s, Kendall τ = %s, n = %d)",
                        v.searchRun(), ProxyVerdict.coefficient(v.spearman()), ProxyVerdict.coefficient(v.kendall()), v.n()))
                .xAxisTitle("probe accuracy, random weights (%)")
                .yAxisTitle("trained validation accuracy (%)")
                .build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(10);
        chart.getStyler().setXAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisDecimalPattern("0.0");
        XYSeries s = chart.addSeries("architectures",
                pts.stream().mapToDouble(ProxyPoint::probeAccuracy).toArray(),
                pts.stream().mapToDouble(ProxyPoint::trainedAccuracy).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(ChartStyle.categorical(0));
        PointLabels labels = new PointLabels();
        pts.forEach(p -> labels.add(p.probeAccuracy(), p.trainedAccuracy(), ChartStyle.compactModel(p.spec())));
        chart.addAnnotation(labels);
        double xMin = pts.stream().mapToDouble(ProxyPoint::probeAccuracy).min().orElseThrow();
        double xMax = pts.stream().mapToDouble(ProxyPoint::probeAccuracy).max().orElseThrow();
        double yMin = pts.stream().mapToDouble(ProxyPoint::trainedAccuracy).min().orElseThrow();
        double yMax = pts.stream().mapToDouble(ProxyPoint::trainedAccuracy).max().orElseThrow();
        // Wide margins: the labels need room beside the outermost points.
        double xPad = Math.max((xMax - xMin) * 0.3, 0.5);
        double yPad = Math.max((yMax - yMin) * 0.15, 0.5);
        chart.getStyler().setXAxisMin(xMin - xPad);
        chart.getStyler().setXAxisMax(xMax + xPad);
        chart.getStyler().setYAxisMin(yMin - yPad);
        chart.getStyler().setYAxisMax(yMax + yPad);
        return chart;
    }
}
