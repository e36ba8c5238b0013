package io.convprobe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchSlabTest {
    @Test
    void slabIsTheValidPartOfItsDefinitionPlusThePicks() {
        List<ArchSpec> specs = BenchSlab.specs();
        // 2 first layers x 6 second layers x 36 third layers = 432 candidates, 384 valid on 3x96x96
        // (counted independently by the reference's own shape rule), + the picks not in the slab
        long picksOutside = specs.stream().skip(384).count();
        assertThat(specs).hasSize((int) (384 + picksOutside));
        assertThat(picksOutside).isBetween(1L, 10L);
        assertThat(new HashSet<>(specs)).hasSameSizeAs(specs);
        assertThat(specs).contains(SpecFormat.parse("ch=32 ks=7,3,5 st=2,1,2 di=1,3,1"));
        for (ArchSpec s : specs) {
            assertThat(ShapeInference.infer(s, BenchSlab.INPUT).ratio()).isLessThanOrEqualTo(1.0);
        }
    }
}
