package io.convprobe.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convprobe.TextTable;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.LayerInfo;
import io.convprobe.arch.SpecFormat;
import io.convprobe.arch.GraphInference;
import io.convprobe.arch.GraphOp;
import io.convprobe.arch.GraphSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code convprobe arch} prints: for a chain, one row per layer; for a cell network, one row
 * per block (stem, cells, reductions, head), since a block's layers sit on parallel edges
 * ({@code --json} lists each block's edges and their ops too).
 */
public final class ArchText {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ArchText() {}

    public static ObjectNode json(GraphInference.GraphSummary s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("spec", s.spec().name());
        o.put("input_shape", s.input().toString());
        o.put("output_shape", s.output().toString());
        o.put("params", s.params());
        o.put("macs", s.macs());
        o.put("naslib_flops", s.flops());
        o.put("receptive_field", s.receptiveField());
        ArrayNode blocks = o.putArray("blocks");
        for (GraphInference.BlockInfo b : s.blocks()) {
            ObjectNode n = blocks.addObject();
            n.put("index", b.index());
            n.put("block", b.block().label());
            n.put("input_shape", b.input().toString());
            n.put("output_shape", b.output().toString());
            n.put("params", b.params());
            n.put("macs", b.macs());
            n.put("naslib_flops", b.flops());
            n.put("receptive_field", b.receptiveField());
            ArrayNode edges = n.putArray("edges");
            for (GraphSpec.Edge e : b.block().edges()) {
                ObjectNode en = edges.addObject();
                en.put("from", e.from());
                en.put("to", e.to());
                en.put("ops", e.token());
            }
        }
        return o;
    }

    public static String table(GraphInference.GraphSummary s) {
        TextTable t = new TextTable("#", "block", "edges", "output", "params", "MACs", "RF");
        t.row("", "input", "", s.input(), "", "", "");
        for (GraphInference.BlockInfo b : s.blocks()) {
            List<String> edges = new ArrayList<>();
            for (GraphSpec.Edge e : b.block().edges()) {
                edges.add(b.block().edges().size() == 1 && b.block().nodes() == 2 ? e.token()
                        : e.from() + ">" + e.to() + ":" + e.token());
            }
            t.row(b.index(), b.block().label(), String.join(" ", edges), b.output(), String.format("%,d", b.params()),
                    String.format("%,d", b.macs()), b.receptiveField());
        }
        return s.spec().name() + "\n" + t.render()
                + String.format("params %,d  MACs/image %,d  NASLib flops %,d  output %s  receptive field %d%n",
                        s.params(), s.macs(), s.flops(), s.output(), s.receptiveField());
    }

    /** {@code arch --json} for a chain of layers. */
    public static ObjectNode json(ArchSummary s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("spec", SpecFormat.toText(s.spec()));
        o.put("input_shape", s.input().toString());
        o.put("output_shape", s.output().toString());
        o.put("params", s.params());
        o.put("macs", s.macs());
        o.put("ratio", s.ratio());
        o.put("receptive_field", s.receptiveField());
        o.put("features", s.features());
        ArrayNode layers = o.putArray("layers");
        for (LayerInfo l : s.layers()) {
            ObjectNode n = layers.addObject();
            n.put("index", l.index());
            n.put("layer", SpecFormat.toCompact(ArchSpec.of(l.layer())));
            n.put("input_shape", l.input().toString());
            n.put("output_shape", l.output().toString());
            n.put("params", l.params());
            n.put("macs", l.macs());
            n.put("receptive_field", l.receptiveField());
        }
        o.set("layers_spec", SpecFormat.toTree(s.spec()).get("layers"));
        return o;
    }

    /** {@code arch}'s table for a chain of layers: one row per layer, then the totals. */
    public static String table(ArchSummary s) {
        TextTable t = new TextTable("#", "layer", "output", "params", "MACs", "RF");
        t.row("", "input", s.input(), "", "", "");
        for (LayerInfo l : s.layers()) {
            t.row(l.index(), SpecFormat.toCompact(ArchSpec.of(l.layer())), l.output(), String.format("%,d", l.params()),
                    String.format("%,d", l.macs()), l.receptiveField());
        }
        return t.render()
                + String.format("params %,d  MACs/image %,d  output %s (%,d features)  ratio %.7f  receptive field %d%n",
                        s.params(), s.macs(), s.output(), s.features(), s.ratio(), s.receptiveField());
    }
}
