package io.convprobe.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HammingKernelTest {
    @Test
    void aContributionInBlocksOfColumnsCountsEveryMatchingUnitExactly() {
        int m = 128;
        int d = 70_001; // 128 rows: 32,768 columns per 16 MB block, so three blocks, the last one short
        assertThat(HammingKernel.CHUNK_BYTES / (4L * m)).isLessThan(d);
        Random r = new Random(5);
        boolean[][] bits = new boolean[m + 8][d]; // more rows than m: only the first m count
        float[] values = new float[(m + 8) * d];
        for (int i = 0; i < m + 8; i++) {
            for (int j = 0; j < d; j++) {
                bits[i][j] = r.nextInt(3) == 0;
                values[i * d + j] = bits[i][j] ? 1f : -1f;
            }
        }
        try (NDManager nd = NDManager.newBaseManager()) {
            NDArray all = nd.create(values, new Shape(m + 8, d));
            List<NDArray> batches = new ArrayList<>();
            for (int from = 0; from < m + 8; from += 32) { // as the sweep offers them: batch by batch
                batches.add(HammingKernel.codes(all.get(from + ":" + Math.min(m + 8, from + 32))));
            }
            double[] k = HammingKernel.contribution(batches, m, nd);
            for (int i = 0; i < m; i += 17) {
                for (int j = 0; j < m; j += 13) {
                    int same = 0;
                    for (int u = 0; u < d; u++) {
                        same += bits[i][u] == bits[j][u] ? 1 : 0;
                    }
                    assertThat(k[i * m + j]).as("K[%d][%d]: units where both codes agree", i, j).isEqualTo(same);
                }
            }
        }
    }
}
