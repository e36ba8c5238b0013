package io.convprobe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    private static Checkpoint sample() {
        CheckpointInfo info = new CheckpointInfo(CheckpointInfo.FORMAT, TrainConfig.of("tutorial-net"), "c4k3-flat-fc2",
                "1x8x8", List.of("a", "b"), 3, 42, 1000, 2, 0.75, 0.5, 12.5);
        return new Checkpoint(info, new byte[] {1, 2, 3}, new byte[] {4, 5});
    }

    @Test
    void roundTripsHeaderAndBlocks(@TempDir Path dir) {
        Path f = dir.resolve("last.ckpt");
        sample().write(f);
        Checkpoint c = Checkpoint.read(f);
        assertThat(c.info()).isEqualTo(sample().info());
        assertThat(c.parameters()).containsExactly(1, 2, 3);
        assertThat(c.optimizerState()).containsExactly(4, 5);
    }

    @Test
    void anUnwritableLocationIsAUserErrorAndLeavesNoFile(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        assertThatThrownBy(() -> sample().write(blocker.resolve("last.ckpt"))).isInstanceOf(UserException.class)
                .hasMessageContaining("cannot write checkpoint");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(blocker);
        }
    }

    @Test
    void truncatedOrForeignFilesAreUserErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("last.ckpt");
        sample().write(f);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 1));
        assertThatThrownBy(() -> Checkpoint.read(f)).isInstanceOf(UserException.class).hasMessageContaining("truncated");
        Files.writeString(f, "hello");
        assertThatThrownBy(() -> Checkpoint.read(f)).isInstanceOf(UserException.class)
                .hasMessageContaining("not a convprobe checkpoint");
    }
}
