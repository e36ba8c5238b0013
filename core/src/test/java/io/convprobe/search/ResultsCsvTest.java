package io.convprobe.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.arch.SpecFormat;
import io.convprobe.probe.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsCsvTest {
    @TempDir Path dir;

    private static ArchAggregate agg(long id, long spaceIndex, String spec, ArchStatus status, List<TrialResult> trials) {
        return ArchAggregate.of(id, spaceIndex, SpecFormat.parse(spec), spec, status, trials, 0.125, 544, 12_345, 256);
    }

    /** Splits one CSV line, undoing the quoting (a quoted cell may hold commas and doubled quotes). */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out;
    }

    /** The written file as rows of column → cell. */
    static List<Map<String, String>> read(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        List<String> header = cells(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> c = cells(line);
            assertThat(c).hasSameSizeAs(header);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), c.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void theHeaderHasOneColumnPerLayerAndParameterThenTheResultsThenOnePerProxy() {
        assertThat(ResultsCsv.header(2, List.of("naswot", "synflow"))).containsExactly("id", "space_index", "spec",
                "status", "trials", "kernel_size-0", "kernel_size-1", "stride-0", "stride-1", "dilation-0",
                "dilation-1", "accuracy", "min_accuracy", "max_accuracy", "std_accuracy", "train_accuracy", "throughput",
                "ratio", "params", "macs", "features", "train_time", "fitness", "proxy_naswot", "proxy_synflow");
        assertThat(ResultsCsv.header(0)).containsExactly("id", "space_index", "spec", "status", "trials", "accuracy",
                "min_accuracy", "max_accuracy", "std_accuracy", "train_accuracy", "throughput", "ratio", "params", "macs",
                "features", "train_time", "fitness");
    }

    @Test
    void rowsRoundTripWithQuotedSpecsEmptyCellsAndExactDecimals() throws Exception {
        ArchAggregate deep = agg(3, 17, "ch=4 ks=3,5,7 st=1,2,1 di=1,1,2", ArchStatus.FULL, List.of(
                new TrialResult(0, 40, 50, 1000, 1e-7, 256, Map.of("naswot", 10.0, "synflow", Double.NaN)),
                new TrialResult(1, 42, 52, 1200, 1e-7, 256, Map.of("naswot", 14.0, "synflow", Double.NaN))))
                .withFitness(0.65);
        ArchAggregate shallow = agg(8, -1, "ch=4 ks=9 st=1 di=1", ArchStatus.CUT, List.of(
                new TrialResult(0, 12.5, 20, 150, 0.25, 64, Map.of("naswot", 2.0))));
        Path file = dir.resolve(ResultsCsv.FILE);
        ResultsCsv.write(file, List.of(deep, shallow));

        assertThat(Files.readAllLines(file).get(1)).contains(",\"ch=4 ks=3,5,7 st=1,2,1 di=1,1,2\",")
                .doesNotContain("E-"); // no exponent, even for 1e-7
        assertThat(Files.readAllLines(file).get(2)).contains(",ch=4 ks=9 st=1 di=1,"); // no comma: not quoted
        List<Map<String, String>> rows = read(file);
        assertThat(rows).hasSize(2);
        Map<String, String> d = rows.get(0);
        assertThat(d.keySet()).containsExactlyElementsOf(ResultsCsv.header(3, List.of("naswot", "synflow")));
        assertThat(d).containsEntry("id", "3").containsEntry("space_index", "17")
                .containsEntry("spec", "ch=4 ks=3,5,7 st=1,2,1 di=1,1,2").containsEntry("status", "FULL")
                .containsEntry("trials", "2").containsEntry("kernel_size-2", "7").containsEntry("stride-1", "2")
                .containsEntry("dilation-2", "2").containsEntry("accuracy", "41").containsEntry("min_accuracy", "40")
                .containsEntry("max_accuracy", "42").containsEntry("train_accuracy", "51")
                .containsEntry("throughput", "1100").containsEntry("ratio", "0.125").containsEntry("params", "544")
                .containsEntry("macs", "12345").containsEntry("features", "256")
                .containsEntry("train_time", "0.0000001").containsEntry("fitness", "0.65")
                .containsEntry("proxy_naswot", "12").containsEntry("proxy_synflow", ""); // NaN on every trial
        assertThat(Double.parseDouble(d.get("std_accuracy"))).isEqualTo(deep.stdAccuracy());
        Map<String, String> s = rows.get(1);
        assertThat(s).containsEntry("space_index", "").containsEntry("kernel_size-0", "9")
                .containsEntry("kernel_size-1", "").containsEntry("stride-2", "").containsEntry("dilation-1", "")
                .containsEntry("std_accuracy", "0").containsEntry("fitness", "") // not fully tested
                .containsEntry("proxy_naswot", "2").containsEntry("proxy_synflow", ""); // never computed
    }

    @Test
    void numbersAreTheShortestExactDecimalAndNonFiniteIsEmpty() {
        assertThat(ResultsCsv.num(0.1)).isEqualTo("0.1");
        assertThat(ResultsCsv.num(1000.0)).isEqualTo("1000");
        assertThat(ResultsCsv.num(1e20)).isEqualTo("100000000000000000000");
        assertThat(ResultsCsv.num(-2.5e-8)).isEqualTo("-0.000000025");
        assertThat(ResultsCsv.num(1.0 / 3)).isEqualTo(Double.toString(1.0 / 3)); // every digit, parses back exactly
        assertThat(ResultsCsv.num(Double.NaN)).isEmpty();
        assertThat(ResultsCsv.num(Double.POSITIVE_INFINITY)).isEmpty();
    }

    @Test
    void aRewriteReplacesTheFileWholeAndLeavesNoTemporary() throws Exception {
        Path file = dir.resolve(ResultsCsv.FILE);
        ArchAggregate a = agg(0, 0, "ch=4 ks=3,3 st=1,1 di=1,1", ArchStatus.CUT, List.of(new TrialResult(0, 10, 20, 30, 0.5, 8)));
        ResultsCsv.write(file, List.of(a, a.withFitness(0.5)));
        ResultsCsv.write(file, List.of(a));
        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(Files.readAllLines(file).get(0)).isEqualTo(String.join(",", ResultsCsv.header(2)));
        assertThat(dir.resolve(ResultsCsv.FILE + ".tmp")).doesNotExist();
        ResultsCsv.write(file, List.of());
        assertThat(Files.readAllLines(file)).containsExactly(String.join(",", ResultsCsv.header(0)));
    }
}
