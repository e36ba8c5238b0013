package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import io.convprobe.data.Dataset;
import io.convprobe.data.ShapeOnlyDataset;
import io.convprobe.probe.ArchProber;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.probe.TrialResult;
import io.convprobe.search.ResultStore;
import io.convprobe.search.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SearchCommandTest {
    @TempDir Path dir;

    private final List<String> calls = new ArrayList<>();
    private ProbeSettings seenSettings;
    private int seenThreads;
    private Throwable error;

    private final SearchCommand.Backend backend = new SearchCommand.Backend() {
        @Override
        public Dataset open(DatasetOptions options) {
            return new ShapeOnlyDataset("tiny", Shape.chw(1, 12, 12), 600);
        }

        @Override
        public ArchProber prober(Dataset data, ProbeSettings settings, int threads, io.convprobe.search.pipeline.ProberFactory.Mode mode,
                io.convprobe.memory.MemoryBudget memory) {
            seenSettings = settings;
            seenThreads = threads;
            return (ArchSpec spec, int trial) -> {
                String s = SpecFormat.toText(spec);
                calls.add(s + "#" + trial);
                double acc = 15 + Math.floorMod(s.hashCode(), 300) / 10.0;
                return new TrialResult(trial, acc, acc + 10, 150 + Math.floorMod(s.hashCode() * 7, 900), 0.25, 64);
            };
        }
    };

    private String run(String... args) {
        error = null;
        SearchCommand command = new SearchCommand(backend,
                new Progress(new PrintStream(new ByteArrayOutputStream()), false, Long.MAX_VALUE, System::nanoTime));
        CommandLine cl = new CommandLine(command);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            error = ex;
            return 2;
        });
        int code = cl.execute(args);
        assertThat(code).as("exit code, error %s", error).isIn(0, 2);
        return out.toString();
    }

    private String[] args(String... extra) {
        List<String> a = new ArrayList<>(List.of("--layers", "2", "--channels", "4", "--kernels", "3,5,7,9",
                "--strides", "1,2", "--dilations", "1,2", "--ratio", "0,0.5", "--trials", "3", "--threads", "3",
                "--run", dir.resolve("run").toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void searchesReportsAndResumes() throws Exception {
        String text = run(args());
        assertThat(error).isNull();
        assertThat(seenThreads).isEqualTo(3);
        assertThat(seenSettings.trials()).isEqualTo(3);
        assertThat(text).contains("candidates        256").contains("invalid shape").contains("cut by threshold")
                .contains("fully tested");
        assertThat(text).containsPattern("kernel\\s+stride\\s+dilation\\s+throughput\\s+accuracy\\s+ratio");
        int firstCalls = calls.size();
        assertThat(firstCalls).isPositive();

        List<String> csv = Files.readAllLines(dir.resolve("run").resolve("results.csv"));
        assertThat(csv.get(0)).startsWith("id,space_index,spec,status,trials,kernel_size-0,kernel_size-1,stride-0,"
                + "stride-1,dilation-0,dilation-1,accuracy,min_accuracy,max_accuracy,std_accuracy,train_accuracy,"
                + "throughput,ratio,params,macs,features,train_time,fitness");
        var counts = ResultStore.read(dir.resolve("run"), 0.3).counts();
        assertThat(csv).hasSize(1 + (int) (counts.cut() + counts.full()));
        assertThat(firstCalls).isEqualTo((int) (counts.cut() + 3 * counts.full()));

        JsonNode json = Json.MAPPER.readTree(run(args("--json")));
        assertThat(calls).hasSize(firstCalls); // resumed a finished run: nothing recomputed
        assertThat(json.get("resumed").asBoolean()).isTrue();
        assertThat(json.get("counts").get("candidates").asLong()).isEqualTo(256);
        assertThat(json.get("counts").get("full").asLong()).isEqualTo(counts.full());
        assertThat(json.get("top").size()).isEqualTo((int) Math.min(10, counts.full()));
        double prev = Double.POSITIVE_INFINITY;
        for (JsonNode row : json.get("top")) {
            assertThat(row.get("fitness").asDouble()).isLessThanOrEqualTo(prev);
            prev = row.get("fitness").asDouble();
        }

        run(args("--min-accuracy", "30"));
        assertThat(error).hasMessageContaining("different configuration").hasMessageContaining("min accuracy 25.0 ≠ 30.0");
    }

    @Test
    void archsFromAFileCountInvalidOnesAndNameBadLines() throws Exception {
        Path list = dir.resolve("archs.txt");
        Files.writeString(list, "# picks\nch=4 ks=3,3 st=2,1 di=1,1\n\nc4k9d2-relu-c4k9-relu\nc4k3s2-relu\n");
        String text = run("--archs", list.toString(), "--trials", "2", "--min-accuracy", "0", "--min-throughput", "0",
                "--run", dir.resolve("r2").toString());
        assertThat(error).isNull();
        assertThat(text).contains("candidates        3").containsPattern("invalid shape\\s+1");
        assertThat(text).containsPattern("fully tested\\s+2");

        Files.writeString(list, "ch=4 ks=3\nks=oops\n");
        run("--archs", list.toString(), "--run", dir.resolve("r3").toString());
        assertThat(error).hasMessageContaining("archs.txt:2");

        run("--archs", list.toString(), "--sample", "3");
        assertThat(error).hasMessageContaining("--sample and --archs exclude each other");
    }

    @Test
    void strategiesRunFromTheCommandLineAndResume() throws Exception {
        String text = run(args("--strategy", "evolution", "--budget", "20", "--population", "5", "--tournament", "2",
                "--objective", "accuracy", "--search-seed", "4"));
        assertThat(error).isNull();
        assertThat(text).contains("fully tested");
        int first = calls.size();
        assertThat(first).isGreaterThan(20); // 20 networks, those above the thresholds with 3 trials
        run(args("--strategy", "evolution", "--budget", "20", "--population", "5", "--tournament", "2",
                "--objective", "accuracy", "--search-seed", "4"));
        assertThat(calls).hasSize(first); // resumed: nothing to do
        run(args("--strategy", "evolution", "--budget", "20", "--population", "6", "--tournament", "2",
                "--objective", "accuracy", "--search-seed", "4"));
        assertThat(error).hasMessageContaining("different configuration");

        calls.clear();
        String halving = run("--layers", "2", "--channels", "4", "--kernels", "3,5,7,9", "--strides", "1,2",
                "--dilations", "1,2", "--ratio", "0,0.5", "--trials", "3", "--run", dir.resolve("h").toString(),
                "--strategy", "halving", "--budget", "40000", "--min-images", "50", "--eta", "3");
        assertThat(error).isNull();
        assertThat(halving).contains("fully tested");
        assertThat(calls).isNotEmpty();

        run(args("--strategy", "halving"));
        assertThat(error).hasMessageContaining("needs --budget");
        run(args("--strategy", "greedy", "--budget", "3"));
        assertThat(error).hasMessageContaining("unknown");
        run(args("--sample", "5", "--strategy", "random", "--budget", "5"));
        assertThat(error).hasMessageContaining("--sample N is --strategy random");
    }

    @Test
    void randomStrategyIsTheSampleRun() throws Exception {
        run("--layers", "2", "--channels", "4", "--kernels", "3,5,7,9", "--strides", "1,2", "--dilations", "1,2",
                "--ratio", "0,0.5", "--trials", "1", "--run", dir.resolve("a").toString(), "--sample", "7", "--seed", "2");
        List<String> sample = new ArrayList<>(calls);
        calls.clear();
        run("--layers", "2", "--channels", "4", "--kernels", "3,5,7,9", "--strides", "1,2", "--dilations", "1,2",
                "--ratio", "0,0.5", "--trials", "1", "--run", dir.resolve("b").toString(), "--strategy", "random",
                "--budget", "7", "--seed", "2");
        assertThat(error).isNull();
        assertThat(calls).isEqualTo(sample).hasSize(7);
    }
}
