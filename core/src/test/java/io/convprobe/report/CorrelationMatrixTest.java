package io.convprobe.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelationMatrixTest {
    @Test
    void pearsonOfAHandWorkedExample() {
        // dx = dy-ish: sxy = 4, sxx = syy = 5, so r = 0.8.
        assertThat(CorrelationMatrix.pearson(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4})).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void perfectLinearRelationsGivePlusAndMinusOne() {
        double[] x = {1, 2, 3, 4, 5};
        assertThat(CorrelationMatrix.pearson(x, new double[] {3, 5, 7, 9, 11})).isCloseTo(1, within(1e-12));
        assertThat(CorrelationMatrix.pearson(x, new double[] {10, 8, 6, 4, 2})).isCloseTo(-1, within(1e-12));
    }

    @Test
    void constantColumnOrTooFewPairsIsNaN() {
        assertThat(CorrelationMatrix.pearson(new double[] {2, 2, 2}, new double[] {1, 2, 3})).isNaN();
        assertThat(CorrelationMatrix.pearson(new double[] {1, 2, 3}, new double[] {0.3, 0.3, 0.3})).isNaN();
        assertThat(CorrelationMatrix.pearson(new double[] {1, Double.NaN}, new double[] {1, 2})).isNaN();
    }

    @Test
    void pairsWithANaNAreLeftOutNotTheWholeColumn() {
        double withNaN = CorrelationMatrix.pearson(new double[] {1, 2, 99, 3, 4}, new double[] {1, 3, Double.NaN, 2, 4});
        assertThat(withNaN).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void matrixHasOneCellPerRowAndColumnVariable() {
        List<double[]> obs = List.of(new double[] {1, 10, 5}, new double[] {2, 20, 5}, new double[] {3, 25, 5});
        CorrelationMatrix m = CorrelationMatrix.of(obs,
                List.of(new CorrelationMatrix.Variable<double[]>("a", o -> o[0])),
                List.of(new CorrelationMatrix.Variable<double[]>("b", o -> o[1]),
                        new CorrelationMatrix.Variable<double[]>("constant", o -> o[2])));
        assertThat(m.rowNames()).containsExactly("a");
        assertThat(m.columnNames()).containsExactly("b", "constant");
        assertThat(m.get(0, 0)).isGreaterThan(0.9).isLessThan(1);
        assertThat(m.get(0, 1)).isNaN();
    }

    @Test
    void heatmapVariablesFollowThePublishedNames() {
        assertThat(CorrelationHeatmap.parameterVariables(3)).extracting(CorrelationMatrix.Variable::name).containsExactly(
                "kernel_size-0", "kernel_size-1", "kernel_size-2", "stride-0", "stride-1", "stride-2",
                "dilation-0", "dilation-1", "dilation-2");
        assertThat(CorrelationHeatmap.resultVariables()).extracting(CorrelationMatrix.Variable::name).containsExactly(
                "accuracy", "min accuracy", "max accuracy", "throughput", "ratio", "train time", "fitness");
    }
}
