package io.convprobe.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Pearson correlations between named row variables and named column variables, over paired
 * observations. Each coefficient uses only the observations where both values are finite
 * (pairwise deletion), so a NaN fitness in one row does not erase a whole column. A coefficient
 * is NaN when fewer than two pairs remain or either side is constant (no variance to correlate).
 *
 * @param rowNames    names of the row variables (e.g. {@code kernel_size-0})
 * @param columnNames names of the column variables (e.g. {@code accuracy})
 * @param values      {@code values[i][j]} = r(row i, column j), in [-1, 1] or NaN
 */
public record CorrelationMatrix(List<String> rowNames, List<String> columnNames, double[][] values) {

    public CorrelationMatrix {
        rowNames = List.copyOf(rowNames);
        columnNames = List.copyOf(columnNames);
    }

    public double get(int row, int column) {
        return values[row][column];
    }

    /** A named variable over the observations. */
    public record Variable<T>(String name, ToDoubleFunction<T> value) {}

    /** Correlates every row variable with every column variable over the observations. */
    public static <T> CorrelationMatrix of(List<T> observations, List<Variable<T>> rows, List<Variable<T>> columns) {
        double[][] values = new double[rows.size()][columns.size()];
        for (int i = 0; i < rows.size(); i++) {
            double[] x = extract(observations, rows.get(i));
            for (int j = 0; j < columns.size(); j++) {
                values[i][j] = pearson(x, extract(observations, columns.get(j)));
            }
        }
        return new CorrelationMatrix(rows.stream().map(Variable::name).toList(),
                columns.stream().map(Variable::name).toList(), values);
    }

    private static <T> double[] extract(List<T> observations, Variable<T> variable) {
        double[] out = new double[observations.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = variable.value().applyAsDouble(observations.get(k));
        }
        return out;
    }

    /** Pearson r over the pairs where both values are finite; NaN if under two pairs or no variance. */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("lengths differ: " + x.length + " vs " + y.length);
        }
        List<double[]> pairs = new ArrayList<>();
        for (int k = 0; k < x.length; k++) {
            if (Double.isFinite(x[k]) && Double.isFinite(y[k])) {
                pairs.add(new double[] {x[k], y[k]});
            }
        }
        int n = pairs.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (double[] p : pairs) {
            mx += p[0];
            my += p[1];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : pairs) {
            double dx = p[0] - mx;
            double dy = p[1] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        // Centred sums of exact constants are 0; a tiny relative threshold also catches rounding.
        if (sxx <= 1e-24 * Math.max(1, mx * mx) * n || syy <= 1e-24 * Math.max(1, my * my) * n) {
            return Double.NaN;
        }
        double r = sxy / Math.sqrt(sxx * syy);
        return Math.max(-1, Math.min(1, r));
    }
}
