package io.convprobe.report;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Loss or accuracy per epoch of one or many training runs on shared axes: one colour per run,
 * training dashed, validation solid.
 */
public final class TrainingCurvesChart {
    private TrainingCurvesChart() {}

    public static XYChart loss(List<TrainingSummary> runs) {
        return build(runs, "Loss per epoch", "cross-entropy loss", "0.00", EpochRow::trainLoss, EpochRow::valLoss);
    }

    public static XYChart accuracy(List<TrainingSummary> runs) {
        return build(runs, "Accuracy per epoch", "accuracy (%)", "0.0", EpochRow::trainAccuracy, EpochRow::valAccuracy);
    }

    private static XYChart build(List<TrainingSummary> runs, String title, String yTitle, String yPattern,
            ToDoubleFunction<EpochRow> train, ToDoubleFunction<EpochRow> val) {
        List<TrainingSummary> withEpochs = runs.stream().filter(r -> !r.epochs().isEmpty()).toList();
        if (withEpochs.isEmpty()) {
            throw new IllegalArgumentException("no training run has epochs");
        }
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(title + " (training dashed, validation solid)")
                .xAxisTitle("epoch")
                .yAxisTitle(yTitle)
                .build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisDecimalPattern(yPattern);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setLegendSeriesLineLength(28);
        int maxEpoch = withEpochs.stream().flatMap(r -> r.epochs().stream()).mapToInt(EpochRow::epoch).max().orElse(1);
        chart.getStyler().setXAxisMin(withEpochs.size() == 1 && maxEpoch == 1 ? 0.0 : 1.0);
        chart.getStyler().setXAxisMax((double) Math.max(2, maxEpoch));
        for (int i = 0; i < withEpochs.size(); i++) {
            TrainingSummary run = withEpochs.get(i);
            double[] epochs = run.epochs().stream().mapToDouble(EpochRow::epoch).toArray();
            add(chart, run.runName() + " · train", epochs, run.epochs().stream().mapToDouble(train).toArray(), i, true);
            add(chart, run.runName() + " · validation", epochs, run.epochs().stream().mapToDouble(val).toArray(), i, false);
        }
        return chart;
    }

    private static void add(XYChart chart, String name, double[] x, double[] y, int run, boolean dashed) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(ChartStyle.categorical(run));
        s.setMarkerColor(ChartStyle.categorical(run));
        s.setLineStyle(dashed ? ChartStyle.DASHED : ChartStyle.SOLID);
        s.setMarker(dashed ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
}
