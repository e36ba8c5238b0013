package io.convprobe.cli;

import io.convprobe.UserException;
import io.convprobe.Version;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code convprobe} command. Subcommands are registered in {@link #SUBCOMMANDS}; each lives in
 * its own class in this package. Exit codes: 0 success, 2 bad usage or bad input (one line on
 * stderr, a stack trace only with {@code --debug}), 1 an internal error.
 */
@Command(
        name = "convprobe",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = {
            "Explore convolutional architectures for image classification:",
            "screen spaces with random-weight networks and a ridge probe, train the promising ones,",
            "and report the results."
        })
public final class Main implements Runnable {
    /** Exit code for bad usage or bad input. */
    public static final int EXIT_USAGE = 2;

    static {
        // Must be set before any DJL class loads: nothing may be downloaded at run time. Only a user
        // who asks for DJL's CUDA download (README "GPU": -Dai.djl.offline=false) overrides it.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces for errors.")
    boolean debug;

    @Option(names = "--device", scope = CommandLine.ScopeType.INHERIT, paramLabel = "cpu|gpu|auto",
            description = "Where the engine computes: cpu, gpu (an error when the engine sees none) or auto "
                    + "(default: the GPU when the loaded libtorch has CUDA and sees one; see README 'GPU').")
    String device;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The subcommand classes, in the order {@code --help} lists them. */
    static final Class<?>[] SUBCOMMANDS = {
        // the data flow: look at specs and spaces, data, screen, train, report
        ArchCommand.class,
        SpaceCommand.class,
        DatasetsCommand.class,
        ProbeCommand.class,
        SearchCommand.class,
        ZooCommand.class,
        TrainCommand.class,
        EvaluateCommand.class,
        ExportCommand.class,
        ReportCommand.class,
        DemoCommand.class,
        ValidateCommand.class,
        FindCommand.class,
        BenchCommand.class,
    };

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> sub : SUBCOMMANDS) {
            cl.addSubcommand(sub);
        }
        cl.setExecutionExceptionHandler(Main::handleExecutionException);
        cl.setExecutionStrategy(parsed -> {
            String d = ((Main) cl.getCommand()).device;
            try {
                if (d != null) {
                    io.convprobe.nn.EngineDevice.request(io.convprobe.nn.EngineDevice.Choice.parse(d));
                }
                capIfGradients(parsed);
            } catch (UserException e) {
                throw new CommandLine.ExecutionException(cl, e.getMessage(), e);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler(Main::handleParameterException);
        return cl;
    }

    /**
     * The instruction-set policy (docs/design.md, "Gradients and the CPU's instruction sets"): a
     * command that takes float32 gradients is capped at AVX and self-checked before anything
     * computes; a forward-only command keeps the full instruction set. The user's setting wins.
     */
    private static void capIfGradients(CommandLine.ParseResult parsed) {
        List<CommandLine> chain = parsed.asCommandLineList();
        if (chain.get(chain.size() - 1).getCommand() instanceof TakesGradients g && g.takesFloat32Gradients()) {
            io.convprobe.nn.GradientCheck.require(); // caps first; refuses rather than computes garbage
        }
    }

    /**
     * Ctrl-C is bad input like any other: one line saying what was kept, exit code 2 (the JVM's
     * default would be 130). Shutdown hooks still run, so SQLite and checkpoints close cleanly.
     */
    private static void exitTwoOnCtrlC() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> {
                if (io.convprobe.Interrupts.REPORTED.compareAndSet(false, true)) { // what Ctrl-C reports: Interrupts
                    System.err.println();
                    System.err.println("convprobe: " + io.convprobe.Interrupts.MESSAGE.get().get());
                    System.err.flush();
                }
                System.exit(EXIT_USAGE);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGINT here: the JVM's default handling applies
        }
    }

    public static void main(String[] args) {
        io.convprobe.nn.NativeNoise.install();
        io.convprobe.memory.NativeMemory.tune();
        exitTwoOnCtrlC();
        System.exit(commandLine().execute(args));
    }

    private static boolean debugRequested(CommandLine cl) {
        CommandLine root = cl;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return ((Main) root.getCommand()).debug;
    }

    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("convprobe: " + ex.getMessage() + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        return EXIT_USAGE;
    }

    private static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean debug = debugRequested(cl);
        if (debug) {
            ex.printStackTrace(err);
        }
        Throwable user = findUserException(ex);
        if (user != null) {
            err.println("convprobe: " + oneLine(user.getMessage()));
            return EXIT_USAGE;
        }
        err.println("convprobe: internal error: " + oneLine(String.valueOf(ex))
                + (debug ? "" : " (run with --debug for details)"));
        return 1;
    }

    private static Throwable findUserException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UserException) {
                return c;
            }
        }
        return null;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static String deviceLine() {
        try {
            return io.convprobe.nn.EngineDevice.describe();
        } catch (UserException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            return "unknown: the PyTorch engine did not start (" + oneLine(String.valueOf(e)) + ")";
        }
    }

    /** {@code --version}: convprobe and the engine versions it was built against. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String[] gradients = io.convprobe.nn.GradientCheck.versionLines(); // first: before anything computes
            return new String[] {
                "convprobe " + Version.convprobe(),
                "DJL " + Version.djl() + ", PyTorch " + Version.pytorch() + ", engine offline "
                        + System.getProperty("ai.djl.offline"),
                "device " + deviceLine(),
                gradients[0],
                gradients[1],
                "Java " + System.getProperty("java.version")
            };
        }
    }
}
