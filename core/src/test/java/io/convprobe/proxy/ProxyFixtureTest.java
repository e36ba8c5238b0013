package io.convprobe.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import io.convprobe.data.Dataset;
import io.convprobe.data.EmbeddedSample;
import io.convprobe.data.ImageBatch;
import io.convprobe.data.Split;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every proxy against the PyTorch reference on identical weights and batch: the fixtures were
 * written by tools/make_proxy_fixtures.py (Debian's torch 1.13 / numpy, the reference definitions)
 * from the weights, head and images tools/ExportProxyCases.java exported; this test rebuilds the
 * same inputs (TorchInit and RandomHead are deterministic, the images come from the embedded
 * sample) and needs no Python.
 */
class ProxyFixtureTest {
    static final int N = 128;
    static JsonNode fixtures;
    static byte[] pixels;
    static int[] labels;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ProxyFixtureTest.class.getResourceAsStream("proxy-fixtures.json")) {
            fixtures = new ObjectMapper().readTree(in);
        }
        try (Dataset ds = EmbeddedSample.open()) {
            ImageBatch b = ds.read(Split.TRAIN, 0, 3 * N);
            pixels = b.pixels();
            labels = java.util.Arrays.copyOf(b.labels(), N);
        }
    }

    static Stream<String> cases() throws IOException {
        load();
        List<String> names = new ArrayList<>();
        fixtures.get("cases").forEach(c -> names.add(c.get("name").asText()));
        return names.stream();
    }

    /** The export's images: channel c of image i is sample image i + c·128, x/255 in float32. */
    static float[] images(int channels) {
        int plane = 28 * 28;
        float[] out = new float[N * channels * plane];
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    out[(i * channels + c) * plane + p] = (pixels[(i + c * N) * plane + p] & 0xFF) / 255f;
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyProxyMatchesThePyTorchReference(String name) {
        check(name);
    }

    /** As forward-only processes run a chain (uncapped: channels-last; the tests run capped, so it is forced here). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyProxyMatchesThePyTorchReferenceChannelsLast(String name) {
        io.convprobe.nn.ChannelsLastTest.with("true", () -> {
            check(name);
            return null;
        });
    }

    private static void check(String name) {
        JsonNode c = null;
        for (JsonNode n : fixtures.get("cases")) {
            if (n.get("name").asText().equals(name)) {
                c = n;
            }
        }
        int channels = c.get("input").get(0).asInt();
        ArchSummary s = ShapeInference.infer(SpecFormat.parse(c.get("spec").asText()), Shape.chw(channels, 28, 28));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(images(channels), new ai.djl.ndarray.types.Shape(N, channels, 28, 28));
            ProxyInput in = new ProxyInput(s, c.get("seed").asLong(), c.get("trial").asInt(), x, labels,
                    c.get("classes").asInt(), 32, 55.0, null, m);
            Map<String, Double> got = Proxies.parse("all").scores(in);
            assertThat(got.get("ridge")).isEqualTo(55.0);
            JsonNode want = c.get("values");
            assertThat(got.keySet()).containsAll(() -> want.fieldNames());
            want.fieldNames().forEachRemaining(p -> {
                double w = want.get(p).asDouble();
                assertThat(got.get(p)).as(name + " " + p).isCloseTo(w, within(1e-4 * Math.abs(w)));
            });
        }
    }

    @Test
    void fixturesCoverEveryComputedProxyAndBothChannelCounts() {
        List<Integer> channels = new ArrayList<>();
        fixtures.get("cases").forEach(c -> {
            channels.add(c.get("input").get(0).asInt());
            List<String> names = new ArrayList<>();
            c.get("values").fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactlyInAnyOrderElementsOf(
                    Proxies.allNames().stream().filter(n -> !n.equals("ridge")).toList());
        });
        assertThat(channels).contains(1, 3);
    }
}
