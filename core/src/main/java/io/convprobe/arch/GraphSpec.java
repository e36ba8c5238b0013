package io.convprobe.arch;

import java.util.List;

/**
 * A network as a chain of blocks, each block a small directed acyclic graph whose nodes sum their
 * incoming edges: node 0 is the block's input, the last node its output, and an edge applies its
 * ops in order to its source node. A plain layer is a block with one edge (0→1); a ResNet block is
 * two edges 0→1 (the body and the shortcut, an empty edge being the identity); a NAS-Bench-201 cell
 * is four nodes and up to six edges. This is the general form cells need (sums, not only a
 * chain); {@link ArchSpec} stays the chain form the screen's spaces are made of.
 *
 * <p>An operation that contributes nothing (NAS-Bench-201's {@code none}) is simply no edge. A node
 * with no incoming edge is zero, shaped like the block input (the reference's {@code Zero} op at
 * stride 1); edges leaving it still run, and edges that cannot reach the output still exist
 * (their weights count, as the reference builds them) even though a run may skip them.
 *
 * @param name how the network was written (e.g. its {@code nb201:} string), for printing
 */
public record GraphSpec(String name, List<Block> blocks) {
    public GraphSpec {
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty()) {
            throw new SpecException("a graph network needs at least one block");
        }
    }

    /**
     * One block: {@code nodes} nodes (>= 2) and its edges, each from a lower node to a higher one.
     *
     * @param label a short name for tables ({@code stem}, {@code cell}, {@code reduce}, {@code head})
     */
    public record Block(String label, int nodes, List<Edge> edges) {
        public Block {
            edges = List.copyOf(edges);
            if (nodes < 2) {
                throw new SpecException("block '" + label + "' needs at least 2 nodes, got " + nodes);
            }
            for (Edge e : edges) {
                if (e.from() < 0 || e.from() >= e.to() || e.to() >= nodes) {
                    throw new SpecException("block '" + label + "': edge " + e.from() + "->" + e.to()
                            + " must go from a lower to a higher node among 0.." + (nodes - 1));
                }
            }
        }

        /** A block of one edge applying {@code ops} in order. */
        public static Block chain(String label, List<GraphOp> ops) {
            return new Block(label, 2, List.of(new Edge(0, 1, ops)));
        }

        /** The edges ending at {@code node}, in edge order (the order the sum adds them). */
        public List<Edge> into(int node) {
            return edges.stream().filter(e -> e.to() == node).toList();
        }

        /**
         * Which nodes carry the block input (not a constant): node 0, and any node with an incoming
         * edge from a live node. A dead node is zero at initialisation; the receptive field ignores it.
         */
        public boolean[] live() {
            boolean[] live = new boolean[nodes];
            live[0] = true;
            for (int n = 1; n < nodes; n++) {
                for (Edge e : into(n)) {
                    live[n] |= live[e.from()];
                }
            }
            return live;
        }

        /**
         * Which edges can change the block's output: those ending at a node with a path to the
         * output. The rest (a conv whose node leads on only through {@code none}) are computed and
         * thrown away by the reference, so a run may skip them; their weights still count.
         */
        public boolean[] useful() {
            boolean[] reaches = new boolean[nodes];
            reaches[nodes - 1] = true;
            for (int n = nodes - 2; n >= 0; n--) {
                for (Edge e : edges) {
                    reaches[n] |= e.from() == n && reaches[e.to()];
                }
            }
            boolean[] useful = new boolean[edges.size()];
            for (int i = 0; i < edges.size(); i++) {
                useful[i] = reaches[edges.get(i).to()];
            }
            return useful;
        }
    }

    /** An edge: {@code ops} applied in order to node {@code from}, added into node {@code to}; no ops = identity. */
    public record Edge(int from, int to, List<GraphOp> ops) {
        public Edge {
            ops = List.copyOf(ops);
        }

        /** The ops' tokens joined by '-' ({@code relu-c16k3p1nb-bn}), or {@code id} for the identity. */
        public String token() {
            return ops.isEmpty() ? "id" : String.join("-", ops.stream().map(GraphOp::token).toList());
        }
    }
}
