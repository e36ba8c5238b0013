package io.convprobe.data;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A labelled grid of images for {@code convprobe datasets show}: each cell is one image scaled up
 * (nearest neighbour, so pixels stay visible) with its class name underneath. Needs no display
 * (java.awt.headless).
 */
public final class SampleGrid {
    private SampleGrid() {}

    /**
     * @param columns images per row
     * @param cell    side of an image cell in output pixels
     */
    public static BufferedImage render(ImageBatch batch, List<String> classes, int columns, int cell) {
        int n = batch.count();
        int cols = Math.max(1, Math.min(columns, n));
        int rows = Math.max(1, (n + cols - 1) / cols);
        int labelH = 16;
        int pad = 4;
        int w = cols * (cell + pad) + pad;
        int h = rows * (cell + labelH + pad) + pad;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        int ih = batch.shape().height();
        int iw = batch.shape().width();
        boolean gray = batch.shape().channels() == 1;
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(iw, ih, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < ih; y++) {
                for (int x = 0; x < iw; x++) {
                    int r = batch.pixel(i, 0, y, x);
                    int gr = gray ? r : batch.pixel(i, 1, y, x);
                    int b = gray ? r : batch.pixel(i, 2, y, x);
                    img.setRGB(x, y, (r << 16) | (gr << 8) | b);
                }
            }
            int cx = pad + (i % cols) * (cell + pad);
            int cy = pad + (i / cols) * (cell + labelH + pad);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(img, cx, cy, cell, cell, null);
            int label = batch.labels()[i];
            String text = label >= 0 && label < classes.size() ? classes.get(label) : "(unlabeled)";
            while (fm.stringWidth(text) > cell && text.length() > 1) {
                text = text.substring(0, text.length() - 1);
            }
            g.setColor(Color.BLACK);
            g.drawString(text, cx + (cell - fm.stringWidth(text)) / 2, cy + cell + labelH - 4);
        }
        g.dispose();
        return out;
    }
}
