package dev.whittle.packages;

import static dev.whittle.packages.Scan.pkg;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.testing.ExternalTool;
import dev.whittle.testing.LayerTarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rpm's SQLite database as the real {@code rpm} writes it: two tiny packages built with {@code rpmbuild} and recorded
 * with {@code rpm -i --justdb} into a fresh {@code --dbpath}, shipped in an image at {@code /var/lib/rpm}; Whittle's
 * reading equals {@code rpm -qa} and {@code rpm -ql} on the same database.
 */
@Tag("integration")
class RpmPackagesIntegrationTest {
    @TempDir
    static Path dir;
    static Path db;

    @BeforeAll
    static void buildAndRecordPackages() throws Exception {
        ExternalTool.assumeInstalled("rpm");
        ExternalTool.assumeInstalled("rpmbuild");
        Path top = dir.resolve("rpmbuild");
        Files.createDirectories(top.resolve("SPECS"));
        spec(top, "whittle-hello", "1.2.3", "4", "MIT", "", "/usr/share/whittle-hello/hello.txt", 5000);
        spec(top, "whittle-app", "2.0", "1", "Apache-2.0", "Requires: whittle-hello\n", "/usr/bin/whittle-app", 12000);
        db = dir.resolve("db");
        Files.createDirectories(db);
        ExternalTool.run("rpm", "--initdb", "--dbpath", db.toString()).requireSuccess("rpm --initdb");
        for (String rpm : List.of("whittle-hello-1.2.3-4.noarch.rpm", "whittle-app-2.0-1.noarch.rpm")) {
            ExternalTool.run("rpm", "-i", "--dbpath", db.toString(), "--nodeps", "--justdb",
                    top.resolve("RPMS/noarch/" + rpm).toString()).requireSuccess("rpm -i " + rpm);
        }
    }

    private static void spec(Path top, String name, String version, String release, String license, String requires,
                             String file, int size) throws Exception {
        String dirName = file.substring(0, file.lastIndexOf('/'));
        Path spec = top.resolve("SPECS/" + name + ".spec");
        Files.writeString(spec, "Name: " + name + "\nVersion: " + version + "\nRelease: " + release + "\n"
                + "Summary: a test package\nLicense: " + license + "\nBuildArch: noarch\n" + requires
                + "\n%description\nA package for Whittle's tests.\n\n%install\nmkdir -p %{buildroot}" + dirName
                + "\nhead -c " + size + " /dev/zero > %{buildroot}" + file + "\n\n%files\n" + file + "\n");
        ExternalTool.run(5, "rpmbuild", "-bb", "--define", "_topdir " + top, spec.toString())
                .requireSuccess("rpmbuild " + name);
    }

    @Test
    void readsTheDatabaseTheRealRpmWroteAndMatchesRpmQa() throws Exception {
        Path sqlite = db.resolve("rpmdb.sqlite");
        assertThat(sqlite).exists();
        PackageInventory inv = Scan.of(layer()
                .file("/etc/os-release", "NAME=Fedora\nID=fedora\nVERSION_ID=39\n")
                .file("/var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(sqlite))
                .file("/usr/share/whittle-hello/hello.txt", 5000)
                .file("/usr/bin/whittle-app", 12000));

        Map<String, String> ours = new TreeMap<>();
        inv.packages().forEach(p -> ours.put(p.name(), p.version()));
        Map<String, String> rpm = new TreeMap<>();
        for (String line : ExternalTool.run("rpm", "-qa", "--dbpath", db.toString(), "--qf",
                "%{NAME} %{VERSION}-%{RELEASE}\\n").requireSuccess("rpm -qa").stdout().split("\n")) {
            if (!line.isBlank()) {
                rpm.put(line.split(" ")[0], line.split(" ")[1]);
            }
        }
        assertThat(ours).isEqualTo(rpm).containsEntry("whittle-hello", "1.2.3-4");

        InstalledPackage hello = pkg(inv, "whittle-hello");
        assertThat(hello.purl()).isEqualTo("pkg:rpm/fedora/whittle-hello@1.2.3-4?arch=noarch&distro=fedora-39");
        assertThat(hello.license()).isEqualTo("MIT");
        assertThat(hello.installedBytes()).isEqualTo(5000);
        assertThat(hello.declaredBytes()).isEqualTo(5000);
        List<String> ql = Arrays.stream(ExternalTool.run("rpm", "-ql", "--dbpath", db.toString(), "whittle-hello")
                .requireSuccess("rpm -ql").stdout().split("\n")).filter(s -> !s.isBlank()).toList();
        assertThat(ql).containsExactly("/usr/share/whittle-hello/hello.txt");
        assertThat(hello.files()).isEqualTo(ql.size());

        InstalledPackage app = pkg(inv, "whittle-app");
        assertThat(app.dependsOn()).containsExactly("whittle-hello");
        assertThat(app.closure().packages()).isEqualTo(2);
        assertThat(app.closure().freesBytes()).isEqualTo(17000);
        assertThat(hello.closure().requiredBy()).containsExactly("whittle-app");
        assertThat(inv.notes()).isEmpty();
    }

    @Test
    void aDamagedDatabaseIsANoteAndOlderFormatsAreNamed() throws Exception {
        byte[] real = Files.readAllBytes(db.resolve("rpmdb.sqlite"));
        byte[] damaged = Arrays.copyOf(real, real.length);
        Arrays.fill(damaged, 0, Math.min(200, damaged.length), (byte) 0x5a);
        LayerTarBuilder l = layer().file("/var/lib/rpm/rpmdb.sqlite", damaged)
                .file("/usr/lib/sysimage/rpm/Packages.db", 4096).file("/var/lib/rpm/Packages", 8192);
        PackageInventory inv = Scan.of(l);
        assertThat(inv.packages()).isEmpty();
        assertThat(inv.notes()).anyMatch(n -> n.startsWith("/var/lib/rpm/rpmdb.sqlite (layer 0): not a readable rpm"))
                .anyMatch(n -> n.contains("rpm database format ndb not supported"))
                .anyMatch(n -> n.contains("/var/lib/rpm/Packages (layer 0): rpm database format Berkeley DB not supported"));
    }
}
