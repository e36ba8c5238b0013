package io.convprobe.train.augment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares every TrivialAugmentWide op with torchvision 0.14's own outputs on small fixed images
 * (core/src/test/resources/.../torchvision_ops.json, written by tools/make_augment_fixtures.py).
 * Everything is expected bit-exact, the geometric ops included: the Java grid is computed in
 * float32 in torch's order, and a sweep of every bin and sign on a 6x5 image (where 90 degree
 * rotations land exactly on rounding ties) matched torch pixel for pixel when this was written.
 * Should a torch build with a different BLAS ever break a tie the other way, the failure message
 * lists the case and how many values differ.
 */
class TorchvisionFixtureTest {
    private static final JsonNode FIXTURE = load();

    record Case(String image, String op, double magnitude, UInt8Image input, byte[] expected) {
        @Override
        public String toString() {
            return op + "(" + magnitude + ") on " + image;
        }
    }

    static Stream<Case> cases() {
        Map<String, UInt8Image> images = new HashMap<>();
        FIXTURE.get("images").fields().forEachRemaining(e -> {
            JsonNode shape = e.getValue().get("shape");
            images.put(e.getKey(), new UInt8Image(shape.get(0).asInt(), shape.get(1).asInt(),
                    shape.get(2).asInt(), HexFormat.of().parseHex(e.getValue().get("data").asText())));
        });
        List<Case> out = new ArrayList<>();
        for (JsonNode c : FIXTURE.get("cases")) {
            out.add(new Case(c.get("image").asText(), c.get("op").asText(), c.get("magnitude").asDouble(),
                    images.get(c.get("image").asText()), HexFormat.of().parseHex(c.get("output").asText())));
        }
        return out.stream();
    }

    static TrivialAugmentWide.Op op(String torchName) {
        // ShearX -> SHEAR_X, AutoContrast -> AUTO_CONTRAST
        return TrivialAugmentWide.Op.valueOf(torchName.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
    }

    private static boolean geometric(String op) {
        return op.startsWith("Shear") || op.startsWith("Translate") || op.equals("Rotate");
    }

    static Stream<Case> pixelwiseCases() {
        return cases().filter(c -> !geometric(c.op()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pixelwiseCases")
    void pixelwiseOpsMatchTorchvisionExactly(Case c) {
        UInt8Image out = op(c.op()).apply(c.input(), c.magnitude(), 0);
        assertThat(out.data()).isEqualTo(c.expected());
    }

    @Test
    void geometricOpsMatchTorchvision() {
        int cases = 0;
        List<String> mismatches = new ArrayList<>();
        for (Case c : cases().toList()) {
            if (!geometric(c.op())) {
                continue;
            }
            cases++;
            UInt8Image out = op(c.op()).apply(c.input(), c.magnitude(), 0);
            int diff = 0;
            for (int i = 0; i < out.data().length; i++) {
                if (out.data()[i] != c.expected()[i]) {
                    diff++;
                }
            }
            if (diff > 0) {
                mismatches.add(c + ": " + diff + " values");
            }
        }
        assertThat(cases).isEqualTo(400);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void magnitudeBinsMatchTorchvision() {
        JsonNode bins = FIXTURE.get("bins");
        JsonNode signed = FIXTURE.get("signed");
        List<String> names = new ArrayList<>();
        bins.fieldNames().forEachRemaining(names::add);
        assertThat(names).hasSize(TrivialAugmentWide.Op.values().length);
        for (int i = 0; i < names.size(); i++) {
            TrivialAugmentWide.Op op = op(names.get(i));
            assertThat(op.ordinal()).as("order of %s", op).isEqualTo(i);
            assertThat(op.signed()).as("signed %s", op).isEqualTo(signed.get(names.get(i)).asBoolean());
            double[] expected = new double[bins.get(names.get(i)).size()];
            for (int k = 0; k < expected.length; k++) {
                expected[k] = bins.get(names.get(i)).get(k).asDouble();
            }
            if (op.hasMagnitude()) {
                assertThat(op.bins()).as("bins of %s", op).containsExactly(expected);
            } else {
                assertThat(expected).containsExactly(0.0);
            }
        }
    }

    private static JsonNode load() {
        try (InputStream in = TorchvisionFixtureTest.class.getResourceAsStream("torchvision_ops.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
