package io.convprobe.predict;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ensemble.EnsembleModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.common.tree.RandomForestTrainer;

/**
 * Tribuo's random forest for regression with Breiman's standard settings: {@value #TREES} trees on
 * bootstrap samples, a third of the features tried at each split, unlimited depth, at least
 * {@value #MIN_CHILD_WEIGHT} examples (weight) per leaf (Tribuo's default, Breiman's nodesize for
 * regression), mean squared error. A new trainer per fit: Tribuo's trainers advance their random
 * state on every call, and a fit must depend on its own seed only.
 */
final class Forest implements Trained {
    static final int TREES = 100;
    static final float MIN_CHILD_WEIGHT = 5f;
    static final float FEATURES_PER_SPLIT = 1f / 3;

    /** Tribuo's bagging logs a line per tree at INFO; kept referenced so the level sticks. */
    private static final Logger TRIBUO = Logger.getLogger("org.tribuo");

    static {
        TRIBUO.setLevel(Level.WARNING);
    }

    private static final RegressionFactory FACTORY = new RegressionFactory();
    private static final String DIM = "y";

    private final EnsembleModel<Regressor> model;
    private final boolean arch;
    private final String[] names;

    private Forest(EnsembleModel<Regressor> model, boolean arch, String[] names) {
        this.model = model;
        this.arch = arch;
        this.names = names;
    }

    static Forest train(double[][] x, double[] y, long seed, boolean arch) {
        String[] names = new String[x[0].length];
        for (int j = 0; j < names.length; j++) {
            names[j] = "f" + j;
        }
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("predictor rows", FACTORY),
                FACTORY);
        for (int i = 0; i < x.length; i++) {
            data.add(new ArrayExample<>(new Regressor(DIM, y[i]), names, x[i]));
        }
        CARTRegressionTrainer tree = new CARTRegressionTrainer(Integer.MAX_VALUE, MIN_CHILD_WEIGHT, 0f,
                FEATURES_PER_SPLIT, new MeanSquaredError(), seed);
        RandomForestTrainer<Regressor> forest = new RandomForestTrainer<>(tree, new AveragingCombiner(), TREES, seed);
        return new Forest((EnsembleModel<Regressor>) forest.train(data), arch, names);
    }

    private Example<Regressor> example(Features f) {
        return new ArrayExample<>(FACTORY.getUnknownOutput(), names, f.row(arch));
    }

    @Override
    public double predict(Features f) {
        return model.predict(example(f)).getOutput().getValues()[0];
    }

    /** The standard deviation of the trees' predictions. */
    @Override
    public double spread(Features f) {
        Example<Regressor> e = example(f);
        List<Model<Regressor>> trees = model.getModels();
        double sum = 0;
        double sq = 0;
        for (Model<Regressor> t : trees) {
            double v = t.predict(e).getOutput().getValues()[0];
            sum += v;
            sq += v * v;
        }
        double mean = sum / trees.size();
        return Math.sqrt(Math.max(0, sq / trees.size() - mean * mean));
    }
}
