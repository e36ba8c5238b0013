package io.convprobe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in-process and captures exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * As {@link #of}, with what the command wrote to {@code System.err} too (search and its session
     * write their "search: ..." lines there, not to picocli's writer) at the front of {@code err}.
     */
    public static CliRun withSystemErr(String... args) {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        CliRun r;
        try {
            System.setErr(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
            r = of(args);
        } finally {
            System.setErr(saved);
        }
        return new CliRun(r.exitCode(), r.out(), bytes.toString(java.nio.charset.StandardCharsets.UTF_8) + r.err());
    }
}
