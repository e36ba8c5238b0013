package io.convprobe.report;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Annotation;

/** Draws "–" in heatmap cells that have no value, so an undefined coefficient is not mistaken for 0. */
final class UndefinedCells extends Annotation {
    private final List<double[]> cells;
    private final int columns;
    private final int rows;

    /** {@code cells}: {x index, y index} pairs, y index 0 at the bottom as in XChart. */
    UndefinedCells(List<double[]> cells, int columns, int rows) {
        super(true);
        this.cells = List.copyOf(cells);
        this.columns = columns;
        this.rows = rows;
    }

    @Override
    public void paint(Graphics2D g) {
        // The cells fill the central plotContentSize fraction of the plot surface (XChart's layout).
        double fraction = ((org.knowm.xchart.style.AxesChartStyler) styler).getPlotContentSize();
        double surfaceLeft = getXAxisScreenValueForMin();
        double surfaceWidth = getXAxisScreenValueForMax() - surfaceLeft;
        // Screen y grows downwards: the plot surface's y "min" is its top edge.
        double surfaceTop = getYAxisScreenValueForMin();
        double surfaceHeight = getYAxisScreenValueForMax() - surfaceTop;
        double left = surfaceLeft + surfaceWidth * (1 - fraction) / 2;
        double bottom = surfaceTop + surfaceHeight - surfaceHeight * (1 - fraction) / 2;
        double cw = surfaceWidth * fraction / columns;
        double ch = surfaceHeight * fraction / rows;
        g.setFont(ChartStyle.TICK_FONT.deriveFont(java.awt.Font.BOLD, 14f));
        g.setColor(new Color(0x555555));
        FontMetrics fm = g.getFontMetrics();
        for (double[] c : cells) {
            double cx = left + (c[0] + 0.5) * cw;
            double cy = bottom - (c[1] + 0.5) * ch;
            g.drawString("–", (float) (cx - fm.stringWidth("–") / 2.0), (float) (cy + fm.getAscent() / 2.0 - 1));
        }
    }
}
