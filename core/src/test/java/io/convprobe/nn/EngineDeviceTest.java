package io.convprobe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.util.Platform;
import io.convprobe.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EngineDeviceTest {
    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @AfterEach
    void backToAuto() {
        EngineDevice.request(EngineDevice.Choice.AUTO);
    }

    @Test
    void theCpuDefaultStaysOfflineWithTheLibraryFromTheClassPath() throws Exception {
        Class.forName(Main.class.getName()); // its static initialiser guards the property
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        Engine.getEngine("PyTorch");
        // A placeholder platform is what makes DJL download libtorch; the classpath jar means none.
        assertThat(Platform.detectPlatform("pytorch").isPlaceholder()).isFalse();
        assertThat(ai.djl.pytorch.jni.LibUtils.getLibtorchPath()).contains("-cpu-");
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("engine offline true").containsPattern("device cpu \\(--device auto; libtorch 2\\.7\\.1 cpu");
    }

    @Test
    void cpuIsHonouredAndGpuWithoutOneIsAOneLineError() {
        EngineDevice.request(EngineDevice.Choice.CPU);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(m.getDevice()).isEqualTo(Device.cpu());
            assertThat(m.create(new float[] {1, 2}).getDevice()).isEqualTo(Device.cpu());
        }
        assertThat(run("--device", "cpu", "--version").out()).contains("device cpu (--device cpu;");
        Assumptions.assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a GPU");
        Run gpu = run("--device", "gpu", "--version");
        assertThat(gpu.code()).isEqualTo(2);
        assertThat(gpu.err().strip()).startsWith("convprobe: --device gpu: the PyTorch engine sees no GPU")
                .doesNotContain("\n");
        assertThat(run("arch", "c8k3", "--device", "auto").code()).isZero();
        Run bad = run("--device", "tpu", "--version");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--device 'tpu': expected cpu, gpu or auto");
    }
}
