package io.convprobe.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convprobe.arch.GraphSpec;
import io.convprobe.arch.Nb201Notation;
import io.convprobe.arch.Shape;
import io.convprobe.nn.CellNetworks;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every proxy on NAS-Bench-201 cell networks (C 4, N 1) against the reference definitions run by
 * Debian's PyTorch ({@code tools/make_nb201_proxy_fixtures.py}): the same fixture weights, the same
 * 8 images; batch norm in training mode, synflow without it.
 */
class CellProxyFixtureTest {
    private static final Shape CIFAR = Shape.chw(3, 32, 32);

    @Test
    void proxiesMatchTheReferenceDefinitions() throws IOException {
        JsonNode f;
        try (InputStream in = CellProxyFixtureTest.class.getResourceAsStream("nb201_proxy_fixtures.json")) {
            f = new ObjectMapper().readTree(in);
        }
        int n = f.get("input").get(0).asInt();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        Proxies proxies = Proxies.parse("synflow,grad_norm,snip,jacob_cov,naswot");
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = new float[n * 3 * 32 * 32];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) Math.sin(0.013 * j + 0.5);
            }
            NDArray images = m.create(x, new ai.djl.ndarray.types.Shape(n, 3, 32, 32));
            for (JsonNode c : f.get("cases")) {
                String arch = c.get("arch").asText();
                GraphSpec g = Nb201Notation.parse("nb201:C4:N1:" + arch).toGraph(10);
                List<float[]> values = fixtureValues(g, m);
                try (NDManager scope = m.newSubManager()) {
                    ProxyInput in = new ProxyInput(ProxyNetwork.cell(g, CIFAR, values), 0, 0, images, labels, 10, n,
                            Double.NaN, null, scope);
                    var scores = proxies.scores(in);
                    for (String name : proxies.names()) {
                        JsonNode want = c.get(name);
                        if (want.isNull()) {
                            assertThat(scores.get(name)).as(arch + " " + name).isNaN();
                        } else {
                            double tol = 1e-4 * Math.max(1, Math.abs(want.asDouble()));
                            assertThat(scores.get(name)).as(arch + " " + name)
                                    .isCloseTo(want.asDouble(), org.assertj.core.data.Offset.offset(tol));
                        }
                    }
                }
            }
        }
    }

    /** The fixture formula's values in parameter order (make_nb201_fixtures.py's set_fixture_weights). */
    private static List<float[]> fixtureValues(GraphSpec g, NDManager m) {
        List<Parameter> params = CellNetworks.learnable(CellNetworks.create(g, CIFAR, m, 0, 0));
        io.convprobe.nn.CellNetworksTest.setFixtureWeights(params);
        List<float[]> out = new ArrayList<>();
        for (Parameter p : params) {
            out.add(p.getArray().toFloatArray());
        }
        return out;
    }
}
