package io.convprobe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentMatrixTest {
    private static final String YAML = """
            dataset: fashion-mnist-mini
            epochs: 2
            schedule: constant
            runs_dir: out/exp
            matrix:
              model: [tutorial-net, "c8k3-relu"]
              optimizer: [adam, sgd]
              lr: [1e-3]
              batch_size: [32, 64]
              augment: none
              trial: [0, 1]
            """;

    @Test
    void expandsEveryCombinationInOrderWithFixedSettings() {
        ExperimentMatrix m = ExperimentMatrix.parse(YAML, "exp.yaml", Path.of("runs/exp"));
        assertThat(m.runsDir()).isEqualTo(Path.of("out/exp"));
        assertThat(m.runs()).hasSize(2 * 2 * 1 * 2 * 1 * 2);
        List<TrainConfig> c = m.runs().stream().map(ExperimentMatrix.Run::config).toList();
        assertThat(c).allSatisfy(r -> {
            assertThat(r.epochs()).isEqualTo(2);
            assertThat(r.schedule()).isEqualTo("constant");
            assertThat(r.lr()).isEqualTo(1e-3);
            assertThat(r.augment()).isEqualTo("none");
        });
        // first key slowest, last fastest
        assertThat(c.get(0).model()).isEqualTo("tutorial-net");
        assertThat(c.get(0).trial()).isZero();
        assertThat(c.get(1).trial()).isEqualTo(1);
        assertThat(c.get(2).batchSize()).isEqualTo(64);
        assertThat(c.get(4).optimizer()).isEqualTo("sgd");
        assertThat(c.get(8).model()).isEqualTo("c8k3-relu");
        assertThat(m.runs()).extracting(ExperimentMatrix.Run::dir).doesNotHaveDuplicates()
                .allSatisfy(d -> assertThat(d.getParent()).isEqualTo(Path.of("out/exp")));
        assertThat(m.runs().get(1).dir().getFileName().toString()).isEqualTo("tutorial-net-adam-lr0.001-b32-none-t1");
    }

    @Test
    void badFilesAreOneLineUserErrors() {
        assertThatThrownBy(() -> ExperimentMatrix.parse("matrix:\n  model: [tutorial-net]\n  optimizer: [rmsprop]\n",
                "e.yaml", Path.of("r"))).isInstanceOf(UserException.class).hasMessageContaining("e.yaml")
                .hasMessageContaining("unknown optimizer 'rmsprop'");
        assertThatThrownBy(() -> ExperimentMatrix.parse("colour: red\nmatrix:\n  model: [x]\n", "e.yaml", Path.of("r")))
                .isInstanceOf(UserException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> ExperimentMatrix.parse("matrix:\n  lr: [1e-3]\n", "e.yaml", Path.of("r")))
                .isInstanceOf(UserException.class).hasMessageContaining("no model");
        assertThatThrownBy(() -> ExperimentMatrix.parse("- a\n- b\n", "e.yaml", Path.of("r")))
                .isInstanceOf(UserException.class).hasMessageContaining("mapping");
    }
}
