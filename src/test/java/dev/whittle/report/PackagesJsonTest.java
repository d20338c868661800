package dev.whittle.report;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.whittle.fs.InMemoryImage;
import dev.whittle.fs.LoadProgress;
import dev.whittle.packages.InstalledPackage;
import dev.whittle.packages.OsRelease;
import dev.whittle.packages.PackageInventory;
import dev.whittle.packages.PackageScanner;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code packages}' document written field by field ({@link PackagesJson}) is the document Jackson's data binding
 * writes for the same inventory, to the byte: on scanned images (dpkg with closures and notes, npm, none at all) and
 * on an inventory holding every null, flag and escape a component can hold.
 */
class PackagesJsonTest {
    /** What {@code JsonReport} wrote for every result before packages had its own writer. */
    private record Envelope(String schemaVersion, String kind, @JsonUnwrapped Object result) {
    }

    private static String bound(PackageInventory inv) throws Exception {
        return JsonReport.mapper().writeValueAsString(new Envelope(JsonReport.SCHEMA_VERSION, "packages", inv)) + "\n";
    }

    @Test
    void scannedImagesAreWrittenAsDataBindingWritesThem() throws Exception {
        String status = stanza("libc6", "2.36-9", null) + stanza("bash", "5.2-1", "libc6 (>= 2.36), base-files")
                + "Package: broken\nStatus: install ok installed\n\n";
        PackageInventory dpkg = PackageScanner.scan(InMemoryImage.of(
                layer().file("/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian \\\"12\\\" ☃\"\n")
                        .file("/var/lib/dpkg/status", status)
                        .file("/var/lib/dpkg/info/libc6:amd64.list", "/.\n/usr\n/usr/lib/libc.so.6\n")
                        .file("/var/lib/dpkg/info/bash.list", "/usr/bin/bash\n/usr/bin/gone\n")
                        .file("/usr/lib/libc.so.6", 4000).file("/usr/bin/bash", 1200).build(),
                layer().file("/app/node_modules/left-pad/package.json",
                        "{\"name\":\"left-pad\",\"version\":\"1.3.0\",\"license\":\"WTFPL\"}")
                        .file("/app/node_modules/left-pad/index.js", 300)
                        .file("/app/package-lock.json", "{\"lockfileVersion\":3,\"packages\":{\"\":{},"
                                + "\"node_modules/left-pad\":{\"version\":\"1.3.0\",\"dev\":true}}}")
                        .file("/var/lib/dpkg/status", status.replace("5.2-1", "5.2-2")).build()),
                LoadProgress.NONE);
        assertThat(dpkg.packages()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(dpkg.notes()).isNotEmpty();
        PackageInventory none = PackageScanner.scan(InMemoryImage.of(layer().file("/x", 1).build()),
                LoadProgress.NONE);
        for (PackageInventory inv : List.of(dpkg, none)) {
            assertThat(JsonReport.render("packages", inv)).isEqualTo(bound(inv));
        }
    }

    @Test
    void everyNullFlagAndEscapeIsWrittenAsDataBindingWritesIt() throws Exception {
        InstalledPackage full = new InstalledPackage("deb", "a\"b", "1:2.3~rc1", "amd64", "pkg:deb/debian/a%22b",
                "GPL-2+ \\ \t tab", "/var/lib/dpkg/status", 0, List.of(3, 7), 12, 1L << 40, 5, 6, 7, -1, true,
                true, List.of("c", "d"), new InstalledPackage.Closure(3, 9, 2, 8, List.of("e\u0001")));
        InstalledPackage sparse = new InstalledPackage("npm", "n", null, null, null, null, "/app", 2, List.of(), 0,
                0, 0, 0, 0, 0, null, false, List.of(), null);
        InstalledPackage prod = new InstalledPackage("npm", "p", "1", null, null, null, "/app", 1, List.of(), 0, 0,
                0, 0, 0, 0, false, false, List.of(), null);
        PackageInventory inv = new PackageInventory("docker-archive:ü.tar", new OsRelease("alpine", null, null),
                List.of(new PackageInventory.LayerInfo(0, "RUN echo \"hi\"\n"), new PackageInventory.LayerInfo(1, null)),
                List.of(full, sparse, prod), List.of(new PackageInventory.EcosystemTotal("deb", 1, 99)),
                new PackageInventory.Totals(3, 4, 5, 6, 7), List.of("a note ☃", ""));
        assertThat(JsonReport.render("packages", inv)).isEqualTo(bound(inv));
        PackageInventory empty = new PackageInventory("x", null, List.of(), List.of(), List.of(), null, List.of());
        assertThat(JsonReport.render("packages", empty)).isEqualTo(bound(empty));
    }

    private static String stanza(String name, String version, String depends) {
        return "Package: " + name + "\nStatus: install ok installed\nArchitecture: amd64\nVersion: " + version + "\n"
                + (depends == null ? "" : "Depends: " + depends + "\n") + "\n";
    }
}
