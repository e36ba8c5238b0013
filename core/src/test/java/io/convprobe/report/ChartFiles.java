package io.convprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Checks on written chart files shared by the tests. */
final class ChartFiles {
    private ChartFiles() {}

    static void assertPng(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("decodable PNG %s", png).isNotNull();
        assertThat(img.getWidth()).isEqualTo(ChartStyle.WIDTH);
        assertThat(img.getHeight()).isEqualTo(ChartStyle.HEIGHT);
        // Not a blank canvas: a chart has far more than two colours.
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("distinct colours in %s", png).isGreaterThan(5);
    }

    static void assertSvg(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // Never fetch a DTD over the network while parsing.
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(doc.getElementsByTagNameNS("*", "*").getLength()).as("elements in %s", svg).isGreaterThan(20);
    }
}
