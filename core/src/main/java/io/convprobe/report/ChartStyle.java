package io.convprobe.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** Shared look of every report chart: size, fonts, white background, colour-blind-safe colours. */
final class ChartStyle {
    /**
     * A bar chart in the report's style with each bar's value printed inside its top (white on
     * dark bars, black on light ones) and the y axis from 0.
     */
    static org.knowm.xchart.CategoryChart labelledBars(String title, String xTitle, String yTitle) {
        org.knowm.xchart.CategoryChart chart = new org.knowm.xchart.CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        apply(chart.getStyler());
        var s = chart.getStyler();
        s.setLabelsVisible(true);
        s.setLabelsFont(TICK_FONT);
        s.setLabelsFontColorAutomaticEnabled(true);
        s.setLabelsFontColorAutomaticLight(Color.WHITE);
        s.setLabelsFontColorAutomaticDark(Color.BLACK);
        s.setLabelsPosition(0.96);
        s.setYAxisMin(0.0);
        return chart;
    }

    static final int WIDTH = 1000;
    static final int HEIGHT = 650;

    static final String FONT = "DejaVu Sans";
    static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 18);
    static final Font AXIS_TITLE_FONT = new Font(FONT, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 12);
    static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 12);
    static final Font LABEL_FONT = new Font(FONT, Font.PLAIN, 11);

    /** Okabe–Ito: distinguishable for the common colour-vision deficiencies. */
    static final Color[] CATEGORICAL = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000),
    };

    /** Viridis stops (dark purple to yellow), for an ordered quantity such as the compression ratio. */
    private static final Color[] VIRIDIS = {
        new Color(0x440154), new Color(0x482878), new Color(0x3E4A89), new Color(0x31688E),
        new Color(0x26828E), new Color(0x1F9E89), new Color(0x35B779), new Color(0x6DCD59),
        new Color(0xB4DE2C), new Color(0xFDE725),
    };

    static final Color GRID = new Color(0xE3E3E3);
    static final Color THRESHOLD = new Color(0xC0392B);

    static final BasicStroke SOLID = new BasicStroke(2f);
    static final BasicStroke DASHED =
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f);

    private ChartStyle() {}

    /** The common styling; charts then set what is particular to them. */
    static void apply(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0x999999));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(TITLE_FONT);
        s.setLegendFont(LEGEND_FONT);
        s.setLegendBorderColor(new Color(0xBBBBBB));
        s.setLegendBackgroundColor(Color.WHITE);
        s.setSeriesColors(CATEGORICAL);
        s.setAntiAlias(true);
        s.setChartPadding(12);
        s.setToolTipsEnabled(false);
        if (s instanceof AxesChartStyler a) {
            a.setAxisTitleFont(AXIS_TITLE_FONT);
            a.setAxisTickLabelsFont(TICK_FONT);
            a.setPlotGridLinesColor(GRID);
            a.setPlotGridLinesStroke(new BasicStroke(1f));
            a.setAxisTitlePadding(8);
            // Decimal points, not commas, whatever the machine's locale.
            a.setLocale(java.util.Locale.ROOT);
        }
    }

    /** Colour at fraction t in [0, 1] of the viridis scale (linear between stops). */
    static Color viridis(double t) {
        double x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = (int) Math.floor(x);
        if (i >= VIRIDIS.length - 1) {
            return VIRIDIS[VIRIDIS.length - 1];
        }
        double f = x - i;
        Color a = VIRIDIS[i];
        Color b = VIRIDIS[i + 1];
        return new Color(
                (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    static Color categorical(int i) {
        return CATEGORICAL[i % CATEGORICAL.length];
    }

    private static final Pattern PUBLISHED = Pattern.compile(
            ".*\\bks=([0-9,]+)\\s+st=([0-9,]+)\\s+di=([0-9,]+).*");

    /**
     * A chart label for a model: published specs become {@code 7,3,5|2,1,2|1,3,1} (kernels | strides
     * | dilations, the tables' columns) so axis labels stay short; other names are kept.
     */
    static String compactModel(String model) {
        Matcher m = PUBLISHED.matcher(model.trim());
        return m.matches() ? m.group(1) + "|" + m.group(2) + "|" + m.group(3) : model.trim();
    }

    /** A "nice" step (1, 2, 2.5 or 5 times a power of ten) near range / target. */
    static double niceStep(double range, int target) {
        if (!(range > 0)) {
            return 1;
        }
        double raw = range / target;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / mag;
        double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10;
        return nice * mag;
    }
}
