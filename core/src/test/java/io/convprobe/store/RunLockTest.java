package io.convprobe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir Path dir;

    @Test
    void oneHolderAtATimeAndFreeAgainAfterClose() throws Exception {
        try (RunLock held = RunLock.acquire(dir)) {
            assertThat(dir.resolve(RunLock.FILE)).exists();
            assertThatThrownBy(() -> RunLock.acquire(dir)).isInstanceOf(UserException.class)
                    .hasMessage("run dir " + dir + " is in use by another convprobe search");
        }
        try (RunLock again = RunLock.acquire(dir)) { // the file stays; the lock went with close
            assertThat(again).isNotNull();
        }
    }

    @Test
    void aMissingDirectoryIsAnIoError() {
        Path missing = dir.resolve("no/such/dir");
        assertThatThrownBy(() -> RunLock.acquire(missing)).isInstanceOf(java.io.IOException.class);
        assertThat(Files.exists(missing)).isFalse();
    }
}
