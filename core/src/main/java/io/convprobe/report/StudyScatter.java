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
 * One score against trained accuracy, one point per trained architecture. The x axis is the
 * score's percentile among all screened architectures (0 = the screen's worst, 100 = its best),
 * so every score's chart has the same axis and shows where in the ranking the sample lies; for
 * the combined score, its leave-one-out value.
 */
public final class StudyScatter {
    private StudyScatter() {}

    public static XYChart build(StudyReport r, ProxyMetrics m) {
        boolean combined = m.proxy().equals(io.convprobe.validate.CombinedScore.NAME);
        List<double[]> pts = r.archs().stream().map(a -> new double[] {
            combined ? a.scores().getOrDefault(m.proxy(), Double.NaN)
                    : 100 * a.percentiles().getOrDefault(m.proxy(), Double.NaN), a.trainedAccuracy()})
                .filter(p -> Double.isFinite(p[0]) && Double.isFinite(p[1])).toList();
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(String.format(Locale.ROOT, "%s vs trained accuracy: ρ %s %s, τ %s (n = %d)", m.proxy(),
                        ProxyVerdict.coefficient(m.spearman()), m.spearmanCi(), ProxyVerdict.coefficient(m.kendall()),
                        m.n()))
                .xAxisTitle(combined ? "combined score, leave-one-out prediction"
                        : m.proxy() + ": percentile among the screened architectures")
                .yAxisTitle("trained validation accuracy (%)").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setXAxisDecimalPattern(combined ? "0.00" : "0");
        if (!combined) {
            chart.getStyler().setXAxisMin(-2.0);
            chart.getStyler().setXAxisMax(102.0);
        }
        double[] x = pts.isEmpty() ? new double[] {Double.NaN} : pts.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = pts.isEmpty() ? new double[] {Double.NaN} : pts.stream().mapToDouble(p -> p[1]).toArray();
        XYSeries s = chart.addSeries("architectures", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(ChartStyle.categorical(0));
        return chart;
    }
}
