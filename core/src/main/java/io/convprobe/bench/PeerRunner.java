package io.convprobe.bench;

import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Layer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the reference implementation ({@code peer_probe.py}: PyTorch + scikit-learn) on a list of
 * conv+ReLU specs and reads its wall time, which covers only its probe loop (its own start-up and
 * image generation excluded, as ours are).
 */
public final class PeerRunner {
    private static final Pattern WALL = Pattern.compile("WALL ([0-9.]+) s for (\\d+) archs x (\\d+) trials");

    /** What the reference printed: per-arch JSON lines and the wall time of its loop. */
    public record Result(double wallSeconds, int archs, List<String> lines) {}

    private final Path python;
    private final Path script;

    public PeerRunner(Path python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** Null when the peer can run here; otherwise why not (missing script, no torch/sklearn). */
    public String unavailableReason() {
        if (!Files.isRegularFile(script)) {
            return "reference script not found at " + script + " (--peer PATH)";
        }
        if (!Files.isExecutable(python)) {
            return "no Python at " + python + " (--python PATH)";
        }
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import torch, sklearn").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return python + " lacks torch or scikit-learn (Debian: apt-get install python3-torch python3-sklearn)";
            }
        } catch (IOException e) {
            return "cannot run " + python + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return null;
    }

    /** The reference's {@code --archs} JSON: per spec, per conv layer {@code [kernel, stride, dilation]}. */
    static String archsJson(List<ArchSpec> specs) {
        List<String> archs = new ArrayList<>();
        for (ArchSpec s : specs) {
            List<String> layers = new ArrayList<>();
            for (Layer.Conv c : s.convs()) {
                if (c.padding() != 0) {
                    throw new UserException("the reference has no padding: " + s);
                }
                layers.add("[" + c.kernel() + "," + c.stride() + "," + c.dilation() + "]");
            }
            archs.add("[" + String.join(",", layers) + "]");
        }
        return "[" + String.join(",", archs) + "]";
    }

    public Result run(List<ArchSpec> specs, int channels, String shape, int threads, Path workDir) throws IOException {
        Path archs = workDir.resolve("peer-archs.json");
        Files.writeString(archs, archsJson(specs));
        ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), "--archs", archs.toString(),
                "--trials", "1", "--shape", shape, "--threads", Integer.toString(threads), "--channels",
                Integer.toString(channels)).redirectErrorStream(true);
        // The reference runs as its users run it: not under the oneDNN cap convprobe set for libtorch
        // (a cap set in-process never reaches a child; one from the launcher or Surefire would)
        io.convprobe.nn.CpuIsa.dropOwnCap(pb.environment());
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                lines.add(l);
            }
        }
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted while the reference ran");
        }
        for (String l : lines) {
            Matcher m = WALL.matcher(l);
            if (m.find()) {
                return new Result(Double.parseDouble(m.group(1)), Integer.parseInt(m.group(2)), lines);
            }
        }
        throw new UserException("the reference printed no WALL line (exit " + p.exitValue() + "): "
                + (lines.isEmpty() ? "" : lines.get(lines.size() - 1)));
    }
}
