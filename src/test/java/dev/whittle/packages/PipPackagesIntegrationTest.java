package dev.whittle.packages;

import static dev.whittle.packages.Scan.pkg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.testing.ExternalTool;
import dev.whittle.testing.LayerTarBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A RECORD written by the real pip: a wheel made here is installed offline with {@code pip install --target}
 * (pip writes its own RECORD: hashes, sizes, the compiled {@code .pyc}, the console script as {@code ../../bin/...}),
 * shipped in an image; the bytes Whittle measures equal those Python's own csv reader sums over the RECORD entries
 * that exist in the target directory.
 */
@Tag("integration")
class PipPackagesIntegrationTest {
    private static final String TRUTH = """
            import csv, os, sys
            site = sys.argv[1]
            rec = [p for p in os.listdir(site) if p.endswith('.dist-info')][0]
            total = files = missing = 0
            for row in csv.reader(open(os.path.join(site, rec, 'RECORD'))):
                path = os.path.normpath(os.path.join(site, row[0]))
                if path.startswith(site + os.sep) and os.path.isfile(path) and not os.path.islink(path):
                    total += os.path.getsize(path); files += 1
                else:
                    missing += 1
            print(total, files, missing)
            """;

    @TempDir
    Path dir;

    @Test
    void bytesOfARealPipRecordEqualPythonsOwnSum() throws IOException {
        ExternalTool.assumeInstalled("pip3");
        Path wheel = dir.resolve("whittle_probe-0.3.1-py3-none-any.whl");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(wheel))) {
            entry(z, "whittle_probe/__init__.py", "def main():\n    print('hi')\n" + "# padding\n".repeat(300));
            entry(z, "whittle_probe-0.3.1.dist-info/METADATA",
                    "Metadata-Version: 2.1\nName: whittle-probe\nVersion: 0.3.1\nLicense: MIT\n\nA test.\n");
            entry(z, "whittle_probe-0.3.1.dist-info/WHEEL",
                    "Wheel-Version: 1.0\nGenerator: whittle-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
            entry(z, "whittle_probe-0.3.1.dist-info/entry_points.txt",
                    "[console_scripts]\nwhittle-probe = whittle_probe:main\n");
            entry(z, "whittle_probe-0.3.1.dist-info/RECORD", "");
        }
        Path target = dir.resolve("site");
        ExternalTool.run(3, "pip3", "install", "--quiet", "--no-index", "--no-deps", "--target", target.toString(),
                wheel.toString()).requireSuccess("pip install --target");

        LayerTarBuilder layer = LayerTarBuilder.layer();
        try (Stream<Path> files = Files.walk(target)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && !Files.isSymbolicLink(f)) {
                    layer.file("/opt/py/" + target.relativize(f).toString(), Files.readAllBytes(f));
                }
            }
        }
        PackageInventory inv = Scan.of(layer);
        String[] truth = ExternalTool.run("python3", "-c", TRUTH, target.toString()).requireSuccess("python3")
                .stdout().strip().split(" ");
        InstalledPackage probe = pkg(inv, "whittle-probe");
        System.out.printf("pip: RECORD sums %s bytes in %s files, %s missing; Whittle %d bytes in %d files, %d missing%n",
                truth[0], truth[1], truth[2], probe.installedBytes(), probe.files(), probe.missingPaths());
        assertThat(Map.of("bytes", probe.installedBytes(), "files", (long) probe.files(), "missing",
                (long) probe.missingPaths())).isEqualTo(Map.of("bytes", Long.parseLong(truth[0]), "files",
                Long.parseLong(truth[1]), "missing", Long.parseLong(truth[2])));
        assertThat(probe.version()).isEqualTo("0.3.1");
        assertThat(probe.license()).isEqualTo("MIT");
        assertThat(probe.purl()).isEqualTo("pkg:pypi/whittle-probe@0.3.1");
    }

    private static void entry(ZipOutputStream z, String name, String text) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        OutputStream out = z;
        out.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
