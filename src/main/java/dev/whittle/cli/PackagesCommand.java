package dev.whittle.cli;

import dev.whittle.image.UsageException;
import dev.whittle.packages.PackageInventory;
import dev.whittle.packages.PackageScanner;
import dev.whittle.report.JsonReport;
import dev.whittle.report.packages.CycloneDxWriter;
import dev.whittle.report.packages.PackagesTextRenderer;
import dev.whittle.report.packages.SpdxWriter;
import dev.whittle.source.Image;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whittle packages IMAGE}: every installed package, what each costs, and an SBOM scanners read. */
@Command(name = "packages", mixinStandardHelpOptions = true,
        description = {"List every package installed in an image, found statically in its own",
                "databases (dpkg, apk, rpm's rpmdb.sqlite, npm's node_modules, Python's",
                "dist-info/egg-info), largest first: version, purl, license, the layer that",
                "added it, and the bytes its files cost in the final filesystem (files several",
                "packages own are counted once in totals), bytes later layers hid, and for OS",
                "packages what each pulls in and what removing it frees. Writes CycloneDX 1.6",
                "or SPDX 2.3 JSON SBOMs for vulnerability scanners."},
        footer = {"", "IMAGE is docker-archive:PATH[:NAME:TAG|@N], oci:DIR[:TAG],",
                "oci-archive:PATH[:TAG], docker://REGISTRY/REPO:TAG, docker-daemon:NAME:TAG,",
                "a path (sniffed) or a registry name.",
                "", "Examples:", "  whittle packages app.tar",
                "  whittle packages app.tar --json | jq '.packages[] | select(.dev) | .name'",
                "  whittle packages app.tar --format cyclonedx -o sbom.json",
                "  grype sbom:sbom.json   (or: trivy sbom sbom.json)",
                "  whittle packages app.tar --format spdx -o sbom.spdx.json"})
final class PackagesCommand implements Callable<Integer> {

    /** What {@code --format} takes. */
    enum Format { text, json, cyclonedx, spdx }

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to list the packages of.")
    String image;

    @Mixin
    ImageOptions imageOptions;

    @Option(names = "--format", paramLabel = "text|json|cyclonedx|spdx", defaultValue = "text",
            description = "Output: text (default), json (docs/json-schema.md), cyclonedx (CycloneDX 1.6 JSON),"
                    + " spdx (SPDX 2.3 JSON).")
    Format format;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the output to FILE instead of standard output (written whole, or not at all).")
    Path output;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Text: list only the N largest packages (default: 0, all).")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Options.requireNonNegative("--limit", limit);
        if (output != null && output.toAbsolutePath().getParent() != null
                && !Files.isDirectory(output.toAbsolutePath().getParent())) {
            throw new UsageException("-o " + output + ": no such directory");
        }
        PackageInventory inv;
        try (Image img = imageOptions.open(image);
             TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr(), "packages")) {
            inv = PackageScanner.scan(img, progress);
        }
        String version = new Main.Version().getVersion()[0].replace("whittle ", "");
        String text = switch (json ? Format.json : format) {
            case text -> PackagesTextRenderer.render(inv, limit);
            case json -> JsonReport.render("packages", inv);
            case cyclonedx -> CycloneDxWriter.write(inv, version, new Date());
            case spdx -> SpdxWriter.write(inv, version, Instant.now());
        };
        if (output == null) {
            var out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        } else {
            write(text);
        }
        return 0;
    }

    /** Writes to a temporary file beside {@code -o} and moves it into place, so a failure leaves no half file. */
    private void write(String text) {
        Path target = output.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UsageException("-o " + output + ": cannot write: " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move succeeded or the error above says why
                }
            }
        }
    }
}
