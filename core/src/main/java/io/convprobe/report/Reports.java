package io.convprobe.report;

import io.convprobe.UserException;
import io.convprobe.search.RankScore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One report over search and training runs, written and summed up in a few lines ({@code report}, the demo). */
public final class Reports {
    private Reports() {}

    /**
     * Loads {@code runs}, writes the report into {@code dir} (null: RUN/report for one run, runs/report
     * otherwise) and prints each proxy's and study's verdict and where the report is.
     *
     * @param rankBy the score to rank by; null: each run's default
     */
    public static ReportWriter.Result write(List<Path> runs, Path dir, int top, double weight, RankScore rankBy,
            PrintWriter stdout) {
        for (Path r : runs) {
            if (!Files.isDirectory(r)) {
                throw new UserException("run directory not found: " + r);
            }
        }
        RunSet set = RunSet.load(runs, weight, rankBy == null ? null : rankBy.name());
        Path out = dir != null ? dir : runs.size() == 1 ? runs.get(0).resolve("report") : Path.of("runs", "report");
        ReportWriter.Result result = new ReportWriter(top).write(out, set.searches(), set.trainings(), set.proxies(),
                set.studies(), set.cells());
        for (ProxyValidation p : set.proxies()) {
            stdout.println(ProxyVerdict.sentence(p));
        }
        for (io.convprobe.validate.StudyReport s : set.studies()) {
            stdout.println(s.searchRun() + "/" + s.study() + ": " + s.verdict());
        }
        stdout.println("report: " + result.html().toAbsolutePath());
        stdout.println("        " + result.markdown().toAbsolutePath() + " (+ " + result.charts().size() + " chart files)");
        stdout.flush();
        return result;
    }
}
