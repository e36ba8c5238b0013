package io.convprobe.report;

import io.convprobe.validate.StudyPredictor;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * A validate study's learning curve: the learned predictor's Spearman ρ on the trained networks left
 * out against how many it was fitted on (mean over seeded draws, with min–max error bars), beside
 * the prior's ρ on the same rest, the training-free ranking it has to beat.
 */
public final class LearningCurveChart {
    private LearningCurveChart() {}

    public static XYChart build(StudyPredictor.Summary p) {
        List<StudyPredictor.CurvePoint> c = p.curve();
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("Learning curve of the predictor").xAxisTitle("trained networks it was fitted on")
                .yAxisTitle("Spearman ρ on the networks left out").build();
        double[] n = c.stream().mapToDouble(StudyPredictor.CurvePoint::n).toArray();
        double[] mean = c.stream().mapToDouble(StudyPredictor.CurvePoint::mean).toArray();
        double[] err = c.stream().mapToDouble(StudyPredictor.CurvePoint::sd).toArray();
        XYSeries s = chart.addSeries("predictor (mean ± sd over draws)", n, mean, err);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        XYSeries prior = chart.addSeries("prior (" + p.prior() + ") on the same rest", n,
                c.stream().mapToDouble(StudyPredictor.CurvePoint::prior).toArray());
        prior.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return chart;
    }
}
