package io.convprobe.report;

import java.io.IOException;
import java.io.OutputStream;
import io.convprobe.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a chart as {@code NAME.png} (the chart's own pixel size, for the HTML and Markdown
 * reports) and {@code NAME.svg} (for print and editing).
 */
public final class ChartWriter {
    private ChartWriter() {}

    /** The two files written for one chart. */
    public record ChartFiles(Path png, Path svg) {}

    public static ChartFiles write(Chart<?, ?> chart, Path dir, String name) {
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(png)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
            try (OutputStream out = Files.newOutputStream(svg)) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            }
        } catch (IOException e) {
            throw new UserException("cannot write chart " + name + " in " + dir + ": " + e.getMessage(), e);
        }
        return new ChartFiles(png, svg);
    }
}
