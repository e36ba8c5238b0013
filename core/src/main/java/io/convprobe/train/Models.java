package io.convprobe.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.GraphInference;
import io.convprobe.arch.GraphSpec;
import io.convprobe.arch.Layer;
import io.convprobe.arch.Nb201Spec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import io.convprobe.nn.CellNetworks;
import io.convprobe.nn.Networks;
import io.convprobe.zoo.Zoo;
import io.convprobe.zoo.ZooModel;
import java.util.Optional;

/**
 * MODEL arguments: a zoo name, any chain spec (conv-only specs get a flatten + linear head), or an
 * {@code nb201:} cell network (NAS-Bench-201's network with its own classifier).
 */
public final class Models {
    private Models() {}

    /**
     * A network {@code train} can build, on one input shape with one class count: a chain
     * ({@link Chain}) or a cell network ({@link Cell}). {@link #spec} is its canonical text, what
     * checkpoints and run stores keep and {@link #network} reads back.
     */
    public sealed interface Network permits Chain, Cell {
        String spec();

        /** Learnable parameters (batch-norm running statistics excluded). */
        long params();

        Shape input();

        /** The DJL network with its (seed, trial) PyTorch-default initial weights, allocated in {@code manager}. */
        SequentialBlock create(NDManager manager, long seed, int trial);
    }

    /** A chain of layers (the zoo, published, compact, JSON and YAML forms). */
    public record Chain(ArchSummary summary) implements Network {
        @Override
        public String spec() {
            return SpecFormat.toCompact(summary.spec());
        }

        @Override
        public long params() {
            return summary.params();
        }

        @Override
        public Shape input() {
            return summary.input();
        }

        @Override
        public SequentialBlock create(NDManager manager, long seed, int trial) {
            return Networks.create(summary.spec(), summary.input(), manager, seed, trial);
        }
    }

    /** A NAS-Bench-201 cell network ({@code nb201:}), built by {@link CellNetworks}. */
    public record Cell(Nb201Spec nb201, GraphInference.GraphSummary summary) implements Network {
        public GraphSpec graph() {
            return summary.spec();
        }

        @Override
        public String spec() {
            return SpecFormat.toNb201(nb201);
        }

        @Override
        public long params() {
            return summary.params();
        }

        @Override
        public Shape input() {
            return summary.input();
        }

        /** The classifier's outputs. */
        public int classes() {
            return summary.output().channels();
        }

        @Override
        public SequentialBlock create(NDManager manager, long seed, int trial) {
            return CellNetworks.create(summary.spec(), summary.input(), manager, seed, trial);
        }
    }

    /** The network {@code model} names, on images of {@code input} with {@code classes} classes. */
    public static Network network(String model, Shape input, int classes) {
        if (SpecFormat.isNb201(model)) {
            Nb201Spec nb = SpecFormat.parseNb201(model);
            try {
                return new Cell(nb, GraphInference.infer(nb.toGraph(classes), input));
            } catch (UserException e) {
                throw new UserException("model '" + model.trim() + "' does not fit " + input + " images: " + e.getMessage(), e);
            }
        }
        return new Chain(resolve(model, input, classes));
    }

    /** The network a checkpoint holds (its spec on its input shape and classes). */
    public static Network of(CheckpointInfo info) {
        return network(info.spec(), Shape.parse(info.inputShape()), info.classes().size());
    }

    /** The full chain for {@code model} on images of {@code input} with {@code classes} classes. */
    public static ArchSummary resolve(String model, Shape input, int classes) {
        Optional<ZooModel> zoo = Zoo.find(model);
        ArchSpec spec;
        if (zoo.isPresent()) {
            spec = zoo.get().spec(input, classes);
        } else {
            try {
                spec = SpecFormat.parse(model);
            } catch (UserException e) {
                throw new UserException("unknown model '" + model + "': not a zoo name (see 'convprobe zoo') and not "
                        + "a spec (" + e.getMessage() + ")", e);
            }
            if (!spec.hasHead()) {
                spec = spec.withHead(classes);
            }
        }
        ArchSummary summary;
        try {
            summary = ShapeInference.infer(spec, input);
        } catch (UserException e) {
            throw new UserException("model '" + model + "' does not fit " + input + " images: " + e.getMessage(), e);
        }
        Shape out = summary.output();
        if (out.isImage() || out.channels() != classes) {
            Layer last = spec.layers().get(spec.layers().size() - 1);
            throw new UserException("model '" + model + "' ends in " + SpecFormat.token(last) + " with output " + out
                    + ", but the dataset has " + classes + " classes");
        }
        return summary;
    }
}
