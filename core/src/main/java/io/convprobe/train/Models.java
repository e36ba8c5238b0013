package io.convprobe.train;

import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Layer;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import io.convprobe.zoo.Zoo;
import io.convprobe.zoo.ZooModel;
import java.util.Optional;

/** MODEL arguments: a zoo name or any spec text; conv-only specs get a flatten + linear head. */
public final class Models {
    private Models() {}

    /** The full network for {@code model} on images of {@code input} with {@code classes} classes. */
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
