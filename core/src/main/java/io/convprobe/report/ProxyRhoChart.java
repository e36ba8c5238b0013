package io.convprobe.report;

import io.convprobe.validate.ProxyMetrics;
import io.convprobe.validate.StudyReport;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Spearman ρ of every score against trained accuracy with its bootstrap 95 % interval: one
 * column per score (best first), the point estimate as a marker, the interval as a whisker, the
 * score's name beside it; dashed lines at 0 and at the parameter count's ρ, the baseline a
 * screening score has to beat. (XChart's category bars draw only symmetric error bars; these
 * intervals are not symmetric.)
 */
public final class ProxyRhoChart {
    private ProxyRhoChart() {}

    public static XYChart build(StudyReport r) {
        List<ProxyMetrics> rows = r.proxies().stream().filter(m -> Double.isFinite(m.spearman())).toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no finite ρ in study " + r.study());
        }
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(String.format(Locale.ROOT, "%s/%s: Spearman ρ with trained accuracy, 95 %% bootstrap intervals "
                        + "(n = %d)", r.searchRun(), r.study(), r.archs().size()))
                .xAxisTitle("score (best first)").yAxisTitle("Spearman ρ vs trained accuracy").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(11);
        chart.getStyler().setYAxisMin(-1.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setXAxisMin(0.3);
        chart.getStyler().setXAxisMax(rows.size() + 0.7);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.0");
        reference(chart, "zero", 0, rows.size(), ChartStyle.GRID.darker());
        ProxyMetrics params = r.metrics("params");
        if (params != null && Double.isFinite(params.spearman())) {
            reference(chart, "parameter count", params.spearman(), rows.size(), ChartStyle.THRESHOLD);
        }
        PointLabels labels = new PointLabels();
        for (int i = 0; i < rows.size(); i++) {
            ProxyMetrics m = rows.get(i);
            double x = i + 1;
            java.awt.Color c = ChartStyle.categorical(i);
            if (m.spearmanCi().known()) {
                XYSeries ci = chart.addSeries(m.proxy() + " interval", new double[] {x, x},
                        new double[] {m.spearmanCi().lo(), m.spearmanCi().hi()});
                ci.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                ci.setLineColor(c);
                ci.setLineStyle(ChartStyle.SOLID);
                ci.setMarker(SeriesMarkers.NONE);
            }
            XYSeries p = chart.addSeries(m.proxy(), new double[] {x}, new double[] {m.spearman()});
            p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            p.setMarker(SeriesMarkers.DIAMOND);
            p.setMarkerColor(c);
            labels.add(x, m.spearman(), String.format(Locale.ROOT, "%s %.2f", m.proxy(), m.spearman()));
        }
        chart.addAnnotation(labels);
        return chart;
    }

    private static void reference(XYChart chart, String name, double y, int n, java.awt.Color color) {
        XYSeries s = chart.addSeries(name, new double[] {0.3, n + 0.7}, new double[] {y, y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setLineStyle(ChartStyle.DASHED);
        s.setMarker(SeriesMarkers.NONE);
    }
}
