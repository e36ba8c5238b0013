package io.convprobe.report;

import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** Found-of-top-10 against the fraction of the exhaustive cost, one line per strategy (means over seeds). */
public final class StrategyChart {
    private StrategyChart() {}

    public static XYChart build(Map<String, Map<Double, double[]>> summary) {
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("Exhaustive top 10 found vs cost").xAxisTitle("cost, % of the exhaustive screen (image-passes)")
                .yAxisTitle("of the exhaustive top 10 found (mean over seeds)").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(10.0).setXAxisMin(0.0);
        summary.forEach((name, byBudget) -> {
            double[] x = new double[byBudget.size()];
            double[] y = new double[byBudget.size()];
            int i = 0;
            for (double[] v : byBudget.values()) {
                x[i] = 100 * v[1] / v[2];
                y[i++] = v[0] / v[2];
            }
            XYSeries s = chart.addSeries(name, x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        });
        return chart;
    }
}
