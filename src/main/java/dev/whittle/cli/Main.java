package dev.whittle.cli;

import dev.whittle.image.Limits;
import dev.whittle.image.WhittleException;
import dev.whittle.source.registry.RegistryException;
import dev.whittle.report.HumanText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code whittle} command: lists the subcommands and maps every failure to one line and one exit code. */
@Command(name = "whittle", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Measures, explains and shrinks container images.",
        subcommands = {CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:a policy or lint failure you asked to gate on",
                "2:bad usage (unknown flag, bad value)",
                "3:unreadable input or unreachable source"})
public final class Main implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (the seam tests use). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // sqlite-jdbc logs through SLF4J, which warns on stderr that no logger is bound: errors are our one line
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        // --version alone needs no subcommand: registering all eleven would cost picocli ~0.1 s of annotation reading
        boolean versionOnly = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
        CommandLine cl = versionOnly ? new CommandLine(new Main()) : newCommandLine(Commands.subcommandOf(args));
        cl.setOut(out);
        cl.setErr(err);
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> reportFailure(ex, cmd.getErr(), debug));
        cl.setParameterExceptionHandler((ex, args1) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println(errorLine(ex.getMessage()));
            e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return 2;
        });
        int code;
        dev.whittle.source.ResultCache.startRun();
        try {
            code = cl.execute(args);
        } catch (StackOverflowError e) {
            // a safety net: every reader bounds its nesting (docs/limits.md), but a stack trace is never the answer
            if (debug) {
                e.printStackTrace(err);
            }
            err.println(errorLine("input nested too deeply to process (StackOverflowError); see docs/limits.md"));
            code = 3;
        }
        out.flush();
        err.flush();
        // tells the launcher whether the next identical run may start with the quick compiler alone
        dev.whittle.cache.LaunchHint.record(code == 0 && dev.whittle.source.ResultCache.servedWhole());
        return code;
    }

    static CommandLine newCommandLine() {
        return newCommandLine(null);
    }

    /** The command line with every subcommand, or only {@code subcommand} when it names one (faster start). */
    static CommandLine newCommandLine(String subcommand) {
        CommandLine cl = new CommandLine(new Main());
        Commands.register(cl, subcommand);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    static int reportFailure(Exception ex, PrintWriter err, boolean debug) {
        if (debug) {
            ex.printStackTrace(err);
        }
        Throwable t = ex;
        if (t instanceof UncheckedIOException u) {
            t = u.getCause();
        }
        if (t instanceof WhittleException w) {
            // A registry's refusal arrives as data; the CLI words it.
            err.println(errorLine(w instanceof RegistryException r ? RegistryErrorText.render(r.error())
                    : w.getMessage()));
            return w.exitCode();
        }
        if (t != null && t.getCause() instanceof RegistryException r) {
            err.println(errorLine(RegistryErrorText.render(r.error())));
            return r.exitCode();
        }
        if (t instanceof IOException io) {
            err.println(errorLine(describe(io)));
            return 3;
        }
        err.println(errorLine("internal error: " + describe(t) + (debug ? "" : " (run with --debug for details)")));
        return 3;
    }

    /**
     * The one error line: control characters escaped and the whole cut to {@link Limits#MAX_ERROR_LINE}, whatever
     * hostile value (a 5 MB name, an escape sequence) the message echoes.
     */
    static String errorLine(String message) {
        return "whittle: " + HumanText.cut(message, Limits.MAX_ERROR_LINE);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' '));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"whittle " + dev.whittle.cli.Version.number()};
        }
    }
}
