package io.convprobe.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * Text labels next to data points that do not overlap each other, the labelled points or the plot
 * edge. XChart's own text annotation centres text on the point; this one places each label at the
 * first free spot of a ring of candidate positions around its point (nearest first, then further
 * out with a leader line), at paint time when the real screen coordinates are known. A label that
 * finds no free spot is still drawn at its last candidate, so nothing silently disappears.
 */
final class PointLabels extends Annotation {
    private record Label(double x, double y, String text) {}

    private final List<Label> labels = new ArrayList<>();
    private double[] lineX = new double[0];
    private double[] lineY = new double[0];

    PointLabels() {
        super(false);
    }

    void add(double x, double y, String text) {
        labels.add(new Label(x, y, text));
    }

    /** A polyline (in data coordinates) that labels should not cover, e.g. the Pareto front. */
    void avoidLine(double[] xs, double[] ys) {
        lineX = xs.clone();
        lineY = ys.clone();
    }

    int size() {
        return labels.size();
    }

    @Override
    public void paint(Graphics2D g) {
        if (!isVisible || labels.isEmpty()) {
            return;
        }
        g.setFont(ChartStyle.LABEL_FONT);
        FontMetrics fm = g.getFontMetrics();
        // In screen space the y "min" of the plot surface is its top edge.
        Rectangle2D plot = new Rectangle2D.Double(getXAxisScreenValueForMin(), getYAxisScreenValueForMin(),
                getXAxisScreenValueForMax() - getXAxisScreenValueForMin(),
                getYAxisScreenValueForMax() - getYAxisScreenValueForMin());
        List<Rectangle2D> taken = new ArrayList<>();
        double[][] anchors = new double[labels.size()][];
        for (int i = 0; i < labels.size(); i++) {
            anchors[i] = new double[] {getXAxisScreenValue(labels.get(i).x()), getYAxisScreenValue(labels.get(i).y())};
            // Keep labels off the labelled markers themselves.
            taken.add(new Rectangle2D.Double(anchors[i][0] - 5, anchors[i][1] - 5, 10, 10));
        }
        List<java.awt.geom.Line2D> segments = new ArrayList<>();
        for (int i = 0; i + 1 < lineX.length; i++) {
            segments.add(new java.awt.geom.Line2D.Double(getXAxisScreenValue(lineX[i]), getYAxisScreenValue(lineY[i]),
                    getXAxisScreenValue(lineX[i + 1]), getYAxisScreenValue(lineY[i + 1])));
        }
        for (int i = 0; i < labels.size(); i++) {
            String text = labels.get(i).text();
            double w = fm.stringWidth(text) + 6;
            double h = fm.getHeight() + 2;
            double px = anchors[i][0];
            double py = anchors[i][1];
            Rectangle2D chosen = null;
            boolean far = false;
            // Fallback when no spot is free: the first candidate inside the plot, else right of the point.
            Rectangle2D fallback = new Rectangle2D.Double(px + 8, py - h / 2, w, h);
            boolean fallbackFar = false;
            boolean haveInside = false;
            boolean found = false;
            outer:
            for (int ring = 1; ring <= 6; ring++) {
                double d = 8 + (ring - 1) * 14;
                // Right, left, up-right, down-right, up-left, down-left, above, below.
                double[][] offsets = {
                    {d, -h / 2}, {-d - w, -h / 2}, {d * 0.7, -d * 0.7 - h}, {d * 0.7, d * 0.7},
                    {-d * 0.7 - w, -d * 0.7 - h}, {-d * 0.7 - w, d * 0.7}, {-w / 2, -d - h}, {-w / 2, d},
                };
                for (double[] o : offsets) {
                    Rectangle2D r = new Rectangle2D.Double(px + o[0], py + o[1], w, h);
                    if (!plot.contains(r)) {
                        continue;
                    }
                    if (!haveInside) {
                        haveInside = true;
                        fallback = r;
                        fallbackFar = ring > 1;
                    }
                    if (taken.stream().noneMatch(r::intersects) && segments.stream().noneMatch(r::intersectsLine)) {
                        chosen = r;
                        far = ring > 1;
                        found = true;
                        break outer;
                    }
                }
            }
            if (!found) {
                chosen = fallback;
                far = fallbackFar;
            }
            taken.add(chosen);
            if (far) {
                g.setColor(new Color(0x777777));
                g.setStroke(new BasicStroke(0.8f));
                double cx = Math.max(chosen.getMinX(), Math.min(px, chosen.getMaxX()));
                double cy = Math.max(chosen.getMinY(), Math.min(py, chosen.getMaxY()));
                g.drawLine((int) px, (int) py, (int) cx, (int) cy);
            }
            g.setColor(new Color(255, 255, 255, 215));
            g.fill(chosen);
            g.setColor(new Color(0x222222));
            g.drawString(text, (float) (chosen.getX() + 3), (float) (chosen.getY() + 1 + fm.getAscent()));
        }
    }
}
