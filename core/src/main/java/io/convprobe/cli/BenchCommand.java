package io.convprobe.cli;

import picocli.CommandLine.Command;

/** {@code convprobe bench}: benchmarks against the reference implementations (not unit tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks measured as ratios against the reference on this machine, in one run."},
        subcommands = {BenchSearchCommand.class, BenchStrategiesCommand.class, BenchNb201Command.class,
            BenchPredictorCommand.class, BenchFindCommand.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public void run() {
        cmd.commandLine().usage(cmd.commandLine().getOut());
    }
}
