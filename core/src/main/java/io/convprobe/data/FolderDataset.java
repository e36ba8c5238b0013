package io.convprobe.data;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Image folders: {@code ROOT/train/<class>/*.png|jpg} and {@code ROOT/test/<class>/...}. Class names
 * are the train folder's subfolders, sorted; label i is the i-th. Images are ordered by class, then
 * file name. If every image is grayscale the set has 1 channel, otherwise 3 (gray images are
 * replicated, alpha is dropped). All images must share one size unless a resize target is given.
 * Everything is decoded when the set is opened, which checks every file up front; folder sets are
 * meant to be small.
 */
public final class FolderDataset implements Dataset {

    /** Height and width to scale every image to. */
    public record Size(int height, int width) {
        /** Parses {@code HxW}, e.g. {@code 96x96}. */
        public static Size parse(String text) {
            String[] p = text.trim().toLowerCase(Locale.ROOT).split("x");
            try {
                if (p.length == 2) {
                    Size s = new Size(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
                    if (s.height > 0 && s.width > 0) {
                        return s;
                    }
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new UserException("--resize '" + text + "': expected HxW with positive sizes, e.g. 96x96");
        }
    }

    private final String name;
    private final List<String> classes;
    private final Shape shape;
    private final Map<Split, byte[]> pixels = new EnumMap<>(Split.class);
    private final Map<Split, int[]> labels = new EnumMap<>(Split.class);

    private record Decoded(Path file, int label, BufferedImage image) {}

    public FolderDataset(String name, Path root, Size resizeOrNull) {
        this.name = name;
        Path trainDir = root.resolve("train");
        if (!Files.isDirectory(trainDir)) {
            throw new UserException("image folder " + root + " has no train/ directory; expected ROOT/train/<class>/*.png"
                    + " and ROOT/test/<class>/*.png");
        }
        this.classes = classFolders(trainDir);
        Map<Split, List<Decoded>> decoded = new EnumMap<>(Split.class);
        decoded.put(Split.TRAIN, decode(trainDir, classes));
        Path testDir = root.resolve("test");
        if (Files.isDirectory(testDir)) {
            List<String> testClasses = classFolders(testDir);
            for (String c : testClasses) {
                if (!classes.contains(c)) {
                    throw new UserException("image folder " + testDir.resolve(c) + ": class '" + c
                            + "' is not among the train classes " + classes);
                }
            }
            decoded.put(Split.TEST, decode(testDir, classes));
        }
        boolean color = decoded.values().stream().flatMap(List::stream).anyMatch(d -> isColor(d.image));
        int h;
        int w;
        if (resizeOrNull != null) {
            h = resizeOrNull.height();
            w = resizeOrNull.width();
        } else {
            Decoded first = decoded.get(Split.TRAIN).get(0);
            h = first.image.getHeight();
            w = first.image.getWidth();
            for (Decoded d : (Iterable<Decoded>) decoded.values().stream().flatMap(List::stream)::iterator) {
                if (d.image.getHeight() != h || d.image.getWidth() != w) {
                    throw new UserException("image " + d.file + " is " + d.image.getHeight() + "x"
                            + d.image.getWidth() + " (HxW) but " + first.file + " is " + h + "x" + w
                            + "; give --resize HxW to scale them all");
                }
            }
        }
        this.shape = Shape.chw(color ? 3 : 1, h, w);
        for (Map.Entry<Split, List<Decoded>> e : decoded.entrySet()) {
            List<Decoded> ds = e.getValue();
            byte[] px = new byte[(int) (ds.size() * shape.elements())];
            int[] lab = new int[ds.size()];
            for (int i = 0; i < ds.size(); i++) {
                toPlanar(scale(ds.get(i).image, h, w), shape, px, (int) (i * shape.elements()));
                lab[i] = ds.get(i).label;
            }
            pixels.put(e.getKey(), px);
            labels.put(e.getKey(), lab);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape imageShape() {
        return shape;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public int size(Split split) {
        int[] l = labels.get(split);
        return l == null ? 0 : l.length;
    }

    @Override
    public ImageBatch read(Split split, int from, int to) {
        Ranges.check(this, split, from, to);
        int per = (int) shape.elements();
        byte[] px = new byte[(to - from) * per];
        System.arraycopy(pixels.get(split), from * per, px, 0, px.length);
        int[] lab = new int[to - from];
        System.arraycopy(labels.get(split), from, lab, 0, lab.length);
        return new ImageBatch(shape, px, lab);
    }

    private static List<String> classFolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
            if (names.isEmpty()) {
                throw new UserException("image folder " + dir + " has no class subfolders; expected "
                        + dir + "/<class>/*.png");
            }
            return names;
        } catch (IOException e) {
            throw new UserException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<Decoded> decode(Path splitDir, List<String> classes) {
        List<Decoded> out = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            Path classDir = splitDir.resolve(classes.get(label));
            if (!Files.isDirectory(classDir)) {
                continue; // a test split may lack a class
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(classDir)) {
                files = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            } catch (IOException e) {
                throw new UserException("cannot list " + classDir + ": " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new UserException("class folder " + classDir + " is empty; expected *.png or *.jpg images");
            }
            for (Path f : files) {
                out.add(new Decoded(f, label, decodeImage(f)));
            }
        }
        return out;
    }

    private static BufferedImage decodeImage(Path f) {
        String lower = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg"))) {
            throw new UserException("file " + f + " is not an image; expected only *.png or *.jpg in class folders");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(f.toFile());
        } catch (IOException e) {
            throw new UserException("cannot read image " + f + ": " + e.getMessage() + "; expected a PNG or JPEG", e);
        }
        if (img == null) {
            throw new UserException("file " + f + " is not a readable image; expected a PNG or JPEG");
        }
        return img;
    }

    private static boolean isColor(BufferedImage img) {
        return img.getColorModel().getColorSpace().getNumComponents() > 1;
    }

    private static BufferedImage scale(BufferedImage img, int h, int w) {
        if (img.getHeight() == h && img.getWidth() == w) {
            return img;
        }
        BufferedImage out = new BufferedImage(w, h,
                isColor(img) ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** Writes one image into {@code dst} as C planes of H rows of W bytes. */
    private static void toPlanar(BufferedImage img, Shape shape, byte[] dst, int off) {
        int h = shape.height();
        int w = shape.width();
        int plane = h * w;
        boolean gray = !isColor(img);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (gray) {
                    // Read the raster directly: getRGB would push 8-bit gray through a gamma conversion.
                    int v = img.getRaster().getSample(x, y, 0);
                    if (img.getColorModel().getComponentSize(0) == 16) {
                        v >>= 8;
                    }
                    for (int c = 0; c < shape.channels(); c++) {
                        dst[off + c * plane + p] = (byte) v;
                    }
                } else {
                    int rgb = img.getRGB(x, y);
                    dst[off + p] = (byte) (rgb >> 16);
                    dst[off + plane + p] = (byte) (rgb >> 8);
                    dst[off + 2 * plane + p] = (byte) rgb;
                }
            }
        }
    }
}
