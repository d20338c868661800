package dev.whittle.cli;

import dev.whittle.packages.PackageInventory;
import dev.whittle.packages.PackageScanner;
import dev.whittle.report.JsonReport;
import dev.whittle.report.packages.CycloneDxWriter;
import dev.whittle.report.packages.PackagesTextRenderer;
import dev.whittle.report.packages.SpdxWriter;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whittle packages IMAGE}: every installed package, what each costs, and an SBOM scanners read. */
@Command(name = "packages", mixinStandardHelpOptions = true,
        description = {"List an image's installed packages and their bytes, or an SBOM.",
                "Reads the image's own databases statically (dpkg, apk, rpm's",
                "rpmdb.sqlite, npm's node_modules, Python's dist-info/egg-info, the Maven",
                "pom.properties inside jars, Ruby gemspecs, Go binaries' build info), largest",
                "first: version, purl, license, the layer that added it, and the bytes",
                "its files cost in the final filesystem (files several packages own are",
                "counted once in totals), bytes later layers hid, and for OS packages what",
                "each pulls in and what removing it frees. Writes CycloneDX 1.6 or",
                "SPDX 2.3 JSON SBOMs for vulnerability scanners."},
        footer = {"", "IMAGE is docker-archive:PATH[:NAME:TAG|@N], oci:DIR[:TAG],",
                "oci-archive:PATH[:TAG], docker://REGISTRY/REPO:TAG, docker-daemon:NAME:TAG,",
                "a path (sniffed) or a registry name.",
                "", "Examples:", "  whittle packages app.tar",
                "  whittle packages app.tar --json | jq '.packages[] | select(.dev) | .name'",
                "  whittle packages app.tar --format cyclonedx -o sbom.json",
                "  grype sbom:sbom.json   (or: trivy sbom sbom.json)",
                "  whittle packages app.tar --format spdx -o sbom.spdx.json"})
final class PackagesCommand implements Callable<Integer> {
    /** The layer cache's name for the text a packages run printed ({@link ImageOptions#printCachedResult}). */
    static final String PAGE = "packages-page";

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to list the packages of.")
    String image;

    @Mixin
    ImageOptions imageOptions;

    @Mixin
    OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON, Format.CYCLONEDX, Format.SPDX);

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Text: list only the N largest packages (default: 0, all).")
    int limit;

    @Override
    public Integer call() {
        Format format = output.format(); // a bad --format or -o is a usage error before any work
        Options.requireNonNegative("--limit", limit);
        // The inventory is a function of the layers and config alone: a warm run with the layer cache finds it whole
        // and loads no layer (the format and --limit only choose how it is printed).
        PackageScanner.Pass pass = PackageScanner.prepare();
        if (format == Format.JSON || format == Format.TEXT) {
            // the printed text is kept as well, under a key of every choice the renderer makes: a warm run of the
            // same command line prints it without reading the inventory (SBOMs carry a fresh serial number and
            // time, so they are rendered each run)
            imageOptions.printCachedResult(image, output, "packages", "packages", PAGE, "inventory",
                    format == Format.JSON ? "json" : "text limit " + limit, PackageInventory.class, pass::capture,
                    PackageScanner::rebind, (img, union) -> pass.scan(img, union).inventory(),
                    inv -> format == Format.JSON ? JsonReport.render("packages", inv)
                            : PackagesTextRenderer.render(inv, limit));
            return 0;
        }
        PackageInventory inv = imageOptions.withCachedResult(image, output, "packages", "packages", "inventory",
                PackageInventory.class, pass.capture(), PackageScanner::rebind,
                (img, union) -> pass.scan(img, union).inventory());
        String version = Version.number();
        output.print(format == Format.CYCLONEDX ? CycloneDxWriter.write(inv, version, new Date())
                : SpdxWriter.write(inv, version, Instant.now()));
        return 0;
    }
}
