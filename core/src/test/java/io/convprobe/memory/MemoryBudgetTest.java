package io.convprobe.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.SystemProperty;
import io.convprobe.UserException;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    @Test
    void sizesAsUsersTypeThem() {
        assertThat(MemorySize.parse("512m", "--max-memory")).isEqualTo(512L << 20);
        assertThat(MemorySize.parse("2g", "--max-memory")).isEqualTo(2L << 30);
        assertThat(MemorySize.parse("1.5G", "--max-memory")).isEqualTo(3L << 29);
        assertThat(MemorySize.parse("800MB", "--max-memory")).isEqualTo(800L << 20);
        assertThat(MemorySize.parse("1000", "--max-memory")).isEqualTo(1000);
        assertThatThrownBy(() -> MemorySize.parse("lots", "--max-memory")).isInstanceOf(UserException.class)
                .hasMessageContaining("--max-memory 'lots'");
        assertThatThrownBy(() -> MemorySize.parse("-1g", "--max-memory")).isInstanceOf(UserException.class);
    }

    @Test
    void autoIsAQuarterOfTheMachineAtMostTheCapAndNeverBelowTheFloor() {
        assertThat(MemoryBudget.automatic(24L << 30)).isEqualTo(MemoryBudget.AUTO_CAP);
        assertThat(MemoryBudget.automatic(4L << 30)).isEqualTo(1L << 30); // a 4 GB container
        assertThat(MemoryBudget.automatic(512L << 20)).isEqualTo(MemoryBudget.FLOOR);
        try (SystemProperty p = SystemProperty.set(MemoryBudget.PROPERTY, "auto")) {
            assertThat(MemoryBudget.AUTO.resolve()).isBetween(MemoryBudget.FLOOR, MemoryBudget.AUTO_CAP);
            p.to("none"); // what the test suite sets: its one JVM holds far more
            assertThat(MemoryBudget.AUTO.resolve()).isEqualTo(Long.MAX_VALUE);
            p.to("2g");
            assertThat(MemoryBudget.AUTO.resolve()).isEqualTo(2L << 30);
        }
    }

    @Test
    void parsesAutoNoneAndSizesAndRefusesWhatCannotRunAnything() {
        assertThat(MemoryBudget.parse("auto", "--max-memory").isAuto()).isTrue();
        assertThat(MemoryBudget.parse("none", "--max-memory").resolve()).isEqualTo(Long.MAX_VALUE);
        assertThat(MemoryBudget.parse("3g", "--max-memory").resolve()).isEqualTo(3L << 30);
        assertThatThrownBy(() -> MemoryBudget.parse("100m", "--max-memory")).isInstanceOf(UserException.class)
                .hasMessageContaining("--max-memory 100m").hasMessageContaining("at least 512m");
    }

    @Test
    void machineMemoryReadsMeminfoAndTheContainersLimit() {
        assertThat(MachineMemory.memTotal("MemTotal:       24683748 kB\nMemFree: 1 kB\n")).isEqualTo(24683748L * 1024);
        assertThat(MachineMemory.memTotal("nothing")).isEqualTo(-1);
        assertThat(MachineMemory.cgroupLimit("max\n")).isEqualTo(-1);
        assertThat(MachineMemory.cgroupLimit("4294967296\n")).isEqualTo(4L << 30);
        assertThat(MachineMemory.cgroupLimit("9223372036854771712")).isEqualTo(-1); // cgroup v1's "unlimited"
        assertThat(MachineMemory.available()).isPositive();
    }

    @Test
    void theReportSuggestsARoundSizeAboveWhatWasNeeded() {
        assertThat(MemoryReport.suggest(1300L << 20)).isEqualTo("1.5g");
        assertThat(MemoryReport.suggest(2L << 30)).isEqualTo("2g");
        assertThat(MemoryReport.suggest(700L << 20)).isEqualTo("768m");
        assertThat(MemoryReport.line(MemoryBudget.NONE, 900L << 20)).contains("900 MB");
    }

    @Test
    void residentMemoryIsReadWhereProcExists() {
        if (System.getProperty("os.name").toLowerCase().startsWith("linux")) {
            long now = ResidentMemory.currentBytes();
            assertThat(now).isPositive();
            assertThat(ResidentMemory.peakBytes()).isGreaterThanOrEqualTo(now / 2);
        }
    }

    @Test
    void ownHugePageTunableIsNotTheUsersMallocSetting() {
        assertThat(NativeMemory.ownMallocTunables(null)).isFalse();
        assertThat(NativeMemory.ownMallocTunables("glibc.malloc.hugetlb=1")).isFalse();
        assertThat(NativeMemory.ownMallocTunables("glibc.malloc.hugetlb=1:glibc.malloc.arena_max=2")).isTrue();
        assertThat(NativeMemory.ownMallocTunables("glibc.cpu.hwcaps=-AVX512F")).isFalse();
    }
}
