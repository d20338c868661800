package dev.whittle.cli;

import dev.whittle.dockerfile.DockerIgnore;
import dev.whittle.dockerfile.fix.UnifiedDiff;
import dev.whittle.dockerfile.ignore.ContextFiles;
import dev.whittle.dockerfile.ignore.DockerignoreAdvisor;
import dev.whittle.dockerfile.ignore.IgnoreProposal;
import dev.whittle.dockerfile.ignore.IgnoreReport;
import dev.whittle.image.ByteSize;
import dev.whittle.image.UsageException;
import dev.whittle.report.JsonReport;
import dev.whittle.report.Plural;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whittle dockerignore [CONTEXT]}: writes or extends the ignore file of a build context. */
@Command(name = "dockerignore", mixinStandardHelpOptions = true,
        description = {"Propose .dockerignore lines for a build context.",
                "Proposes version control, dependencies the image installs itself, logs,",
                "  test reports, coverage, build output the build recreates, IDE and OS",
                "  files, large archives and media. A line that would leave out anything a",
                "  COPY/ADD names is not proposed. New lines go above your own, so your",
                "  lines (and their ! re-includes) keep deciding.",
                "Prints a unified diff by default; --write writes the file. The bytes",
                "  removed from the context are reported on stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing to add (or --write wrote the file)", "1:the diff is not empty",
                "2:bad usage", "3:unreadable context or Dockerfile"},
        footer = {"", "Examples:", "  whittle dockerignore                 # the context is the current directory",
                "  whittle dockerignore app --dockerfile app/docker/Dockerfile --write"})
final class DockerignoreCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONTEXT", defaultValue = ".",
            description = "The build context directory (default: the current directory).")
    Path context;

    @Option(names = {"-f", "--file", "--dockerfile"}, paramLabel = "FILE",
            description = "The Dockerfile, as docker build -f names it (default: CONTEXT/Dockerfile).")
    Path dockerfile;

    @Option(names = "--diff", description = "Print the change as a unified diff (the default).")
    boolean diff;

    @Option(names = "--write", description = "Write the ignore file.")
    boolean write;

    @Mixin
    OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON);

    @Override
    public Integer call() {
        boolean json = output.format() == Format.JSON;
        if (write && output.file() != null) {
            throw new UsageException("--write and -o cannot be used together (--write writes the ignore file)");
        }
        if (diff && write) {
            throw new UsageException("--diff and --write cannot be used together");
        }
        if (!Files.isDirectory(context)) {
            throw new UsageException("build context " + context + ": not a directory");
        }
        Path file = dockerfile != null ? dockerfile : context.resolve("Dockerfile");
        String dockerfileText = TextFiles.read(file, "Dockerfile");
        Path located = DockerIgnore.locate(file, context);
        Path ignoreFile = located != null ? located : context.resolve(".dockerignore");
        String ignoreText = located != null ? TextFiles.read(located, "ignore file") : "";
        IgnoreProposal p = DockerignoreAdvisor.propose(ContextFiles.scan(context), dockerfileText, ignoreText);
        if (write) {
            if (p.changed()) {
                TextFiles.write(ignoreFile, p.newText(), null);
            }
        } else {
            String diffText = UnifiedDiff.of(ignoreFile.toString(), p.oldText(), p.newText());
            output.print(json ? JsonReport.render("dockerignore", IgnoreReport.of(ignoreFile.toString(), p, diffText))
                    : diffText);
        }
        summary(output.notes(), ignoreFile, p);
        return write || !p.changed() ? 0 : 1;
    }

    private void summary(PrintWriter err, Path ignoreFile, IgnoreProposal p) {
        for (IgnoreProposal.Added a : p.added()) {
            err.printf("%-24s %10s in %d file%s  (%s)%n", a.pattern(), ByteSize.format(a.bytes()), a.files(),
                    a.files() == 1 ? "" : "s", a.group());
        }
        for (IgnoreProposal.Kept k : p.kept()) {
            err.println("not added " + k.pattern() + ": " + k.reason());
        }
        if (!p.changed()) {
            err.println("nothing to add to " + ignoreFile + " (context: " + ByteSize.format(p.bytesBefore()) + " in "
                    + Plural.of(p.filesBefore(), "file") + ")");
        } else {
            err.println((write ? "wrote " + ignoreFile + ": removes " : "removes ")
                    + ByteSize.format(p.bytesRemoved()) + " (" + p.bytesRemoved() + " bytes, "
                    + Plural.of(p.filesBefore() - p.filesAfter(), "file") + ") from the build context: "
                    + ByteSize.format(p.bytesBefore()) + " -> " + ByteSize.format(p.bytesAfter()));
        }
        err.flush();
    }
}
