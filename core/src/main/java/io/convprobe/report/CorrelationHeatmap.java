package io.convprobe.report;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Pearson correlation of each layer parameter ({@code kernel_size-0}, …, {@code dilation-2}) with
 * each result (accuracy, min/max accuracy, throughput, ratio, train time, fitness) over the fully
 * tested architectures, as a blue–white–red heatmap on a fixed −1…1 scale with the coefficient
 * printed in each cell. An undefined coefficient (a constant parameter, or too few pairs) gets no
 * colour (XChart only paints the cells it is given) and a "–" drawn by {@link UndefinedCells}.
 */
public final class CorrelationHeatmap {
    private CorrelationHeatmap() {}

    /** Row variables: the layer parameters, layer by layer within each kind (as published). */
    public static List<CorrelationMatrix.Variable<ProbeRow>> parameterVariables(int layers) {
        List<CorrelationMatrix.Variable<ProbeRow>> vars = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            int layer = l;
            vars.add(new CorrelationMatrix.Variable<>("kernel_size-" + l, r -> r.kernels()[layer]));
        }
        for (int l = 0; l < layers; l++) {
            int layer = l;
            vars.add(new CorrelationMatrix.Variable<>("stride-" + l, r -> r.strides()[layer]));
        }
        for (int l = 0; l < layers; l++) {
            int layer = l;
            vars.add(new CorrelationMatrix.Variable<>("dilation-" + l, r -> r.dilations()[layer]));
        }
        return vars;
    }

    /** Column variables: the results. */
    public static List<CorrelationMatrix.Variable<ProbeRow>> resultVariables() {
        return List.of(
                new CorrelationMatrix.Variable<>("accuracy", ProbeRow::accuracyMean),
                new CorrelationMatrix.Variable<>("min accuracy", ProbeRow::accuracyMin),
                new CorrelationMatrix.Variable<>("max accuracy", ProbeRow::accuracyMax),
                new CorrelationMatrix.Variable<>("throughput", ProbeRow::throughput),
                new CorrelationMatrix.Variable<>("ratio", ProbeRow::ratio),
                new CorrelationMatrix.Variable<>("train time", ProbeRow::fitSeconds),
                new CorrelationMatrix.Variable<>("fitness", ProbeRow::fitness));
    }

    /** The matrix over the fully tested rows; rows with a different layer count are left out. */
    public static CorrelationMatrix matrix(List<ProbeRow> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows to correlate");
        }
        int layers = rows.get(0).layers();
        List<ProbeRow> same = rows.stream().filter(r -> r.layers() == layers).toList();
        return CorrelationMatrix.of(same, parameterVariables(layers), resultVariables());
    }

    public static HeatMapChart build(String runName, CorrelationMatrix m, int observations) {
        HeatMapChart chart = new HeatMapChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(runName + ": Pearson r, layer parameters vs results (" + observations + " architectures)")
                .xAxisTitle("result")
                .yAxisTitle("layer parameter")
                .build();
        ChartStyle.apply(chart.getStyler());
        var s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setRangeColors(new Color[] {new Color(0x2166AC), new Color(0xF7F7F7), new Color(0xB2182B)});
        s.setMin(-1);
        s.setMax(1);
        s.setShowValue(true);
        s.setValueFont(new Font(ChartStyle.FONT, Font.PLAIN, 12));
        s.setValueFontColor(Color.BLACK);
        s.setPlotGridLinesVisible(false);
        s.setDrawBorder(true);
        s.setGradientColorColumnHeight(ChartStyle.HEIGHT - 200);
        s.setHeatMapValueDecimalPattern("0.00");

        int rows = m.rowNames().size();
        int cols = m.columnNames().size();
        // The first parameter at the top: XChart puts y index 0 at the bottom.
        List<String> yNames = new ArrayList<>(m.rowNames());
        java.util.Collections.reverse(yNames);
        List<Number[]> cells = new ArrayList<>();
        List<double[]> undefined = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = m.get(i, j);
                int yi = rows - 1 - i;
                if (Double.isFinite(v)) {
                    cells.add(new Number[] {j, yi, v});
                } else {
                    undefined.add(new double[] {j, yi});
                }
            }
        }
        chart.addSeries("Pearson r", m.columnNames(), yNames, cells);
        if (!undefined.isEmpty()) {
            chart.addAnnotation(new UndefinedCells(undefined, cols, rows));
        }
        return chart;
    }
}
