package io.convprobe.stats;

import java.util.Arrays;

/**
 * The ±1 one-vs-all coding of scikit-learn's {@code LabelBinarizer(pos_label=1, neg_label=-1)} as
 * {@code RidgeClassifier} uses it, and the matching decoding of decision values back to labels.
 *
 * <p>The classes are the labels that occur in the training set, sorted (sklearn's {@code classes_});
 * a class absent from training can never be predicted. With two classes there is a single column
 * (+1 for the larger label) and prediction is by sign; with one class there is a single all −1 column
 * and that class is always predicted; otherwise one column per class and prediction is the first
 * arg-max, as numpy's {@code argmax} does on ties.
 *
 * @param classes the distinct training labels in ascending order
 */
public record OneVsAllTargets(int[] classes) {

    /** The classes present in {@code labels}, each of which must lie in [0, numClasses). */
    public static OneVsAllTargets of(int[] labels, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
        }
        boolean[] seen = new boolean[numClasses];
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            if (label < 0 || label >= numClasses) {
                throw new IllegalArgumentException(
                        "label " + label + " at index " + i + " is outside [0, " + numClasses + ")");
            }
            seen[label] = true;
        }
        int[] present = new int[numClasses];
        int count = 0;
        for (int c = 0; c < numClasses; c++) {
            if (seen[c]) {
                present[count++] = c;
            }
        }
        return new OneVsAllTargets(Arrays.copyOf(present, count));
    }

    /** Number of decision columns: 1 for one or two classes, else one per class. */
    public int columns() {
        return classes.length <= 2 ? 1 : classes.length;
    }

    /** The n×columns() target matrix, row-major, entries +1 / −1. */
    public double[] encode(int[] labels) {
        int t = columns();
        double[] y = new double[labels.length * t];
        Arrays.fill(y, -1.0);
        for (int i = 0; i < labels.length; i++) {
            int column = columnOf(labels[i]);
            if (column >= 0) {
                y[i * t + column] = 1.0;
            }
        }
        return y;
    }

    /** The column that is +1 for this label, or −1 when no column is (the smaller of two classes). */
    private int columnOf(int label) {
        int index = Arrays.binarySearch(classes, label);
        if (index < 0) {
            throw new IllegalArgumentException("label " + label + " is not one of the classes " + Arrays.toString(classes));
        }
        if (classes.length <= 2) {
            return index == 1 ? 0 : -1;
        }
        return index;
    }

    /** The predicted label for each row of an m×columns() decision matrix (row-major). */
    public int[] decode(double[] decision, int m) {
        int t = columns();
        if (decision.length != m * t) {
            throw new IllegalArgumentException("decision has " + decision.length + " values, expected " + m + "x" + t);
        }
        int[] predicted = new int[m];
        for (int r = 0; r < m; r++) {
            int best;
            if (t == 1) {
                // sklearn: classes_[(score > 0)]; a zero score goes to the first class.
                best = decision[r] > 0 && classes.length == 2 ? 1 : 0;
            } else {
                best = 0;
                double max = decision[r * t];
                for (int c = 1; c < t; c++) {
                    double v = decision[r * t + c];
                    if (v > max) { // strict: the first maximum wins, like numpy.argmax
                        max = v;
                        best = c;
                    }
                }
            }
            predicted[r] = classes[best];
        }
        return predicted;
    }

    /** Accuracy in percent of {@code predicted} against {@code truth}. */
    public static double accuracyPercent(int[] predicted, int[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + truth.length + " labels");
        }
        if (truth.length == 0) {
            return Double.NaN;
        }
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i] == truth[i]) {
                correct++;
            }
        }
        return 100.0 * correct / truth.length;
    }
}
