package dev.whittle.packages;

import static dev.whittle.packages.Scan.pkg;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** apk's installed database, written here in its documented format (apk-tools' "Installed database" V2). */
class ApkPackagesTest {

    private static final String DB = """
            C:Q1abcdefghijklmnopqrstuvwxyz0123=
            P:musl
            V:1.2.4-r2
            A:x86_64
            S:383152
            I:622592
            T:the musl c library (libc) implementation
            U:https://musl.libc.org/
            L:MIT
            o:musl
            m:Timo Teräs <timo.teras@iki.fi>
            t:1697137592
            c:bd3ac9f47aa8ab39b3cfb1a1d7b2ab4ef4c7b6a1
            p:so:libc.musl-x86_64.so.1=1
            F:lib
            R:ld-musl-x86_64.so.1
            a:0:0:755
            Z:Q1abcd=
            R:libc.musl-x86_64.so.1
            a:0:0:777

            P:busybox
            V:1.36.1-r5
            A:x86_64
            I:950272
            L:GPL-2.0-only
            D:so:libc.musl-x86_64.so.1
            p:cmd:busybox=1.36.1-r5
            F:bin
            R:busybox
            F:etc
            R:securetty

            P:ssl_client
            V:1.36.1-r5
            L:GPL-2.0-only
            D:so:libc.musl-x86_64.so.1 busybox>=1.36 !foo
            F:usr/bin
            R:ssl_client
            """;

    @Test
    void readsPackagesTheirFilesLicensesAndDependencies() {
        PackageInventory inv = Scan.of(layer()
                .file("/etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\n")
                .file("/lib/apk/db/installed", DB)
                .file("/lib/ld-musl-x86_64.so.1", 600_000).symlink("/lib/libc.musl-x86_64.so.1", "ld-musl-x86_64.so.1")
                .file("/bin/busybox", 900_000).file("/etc/securetty", 100).file("/usr/bin/ssl_client", 14_000));

        InstalledPackage musl = pkg(inv, "musl");
        assertThat(musl.installedBytes()).isEqualTo(600_000); // the symlink owns no bytes
        assertThat(musl.files()).isEqualTo(1);
        assertThat(musl.license()).isEqualTo("MIT");
        assertThat(musl.declaredBytes()).isEqualTo(622_592);
        assertThat(musl.purl()).isEqualTo("pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1");
        assertThat(musl.closure().requiredBy()).containsExactly("busybox", "ssl_client");

        InstalledPackage ssl = pkg(inv, "ssl_client");
        assertThat(ssl.dependsOn()).containsExactly("busybox", "musl");
        assertThat(pkg(inv, "busybox").installedBytes()).isEqualTo(900_100);
        assertThat(pkg(inv, "busybox").closure().freesPackages()).isZero(); // ssl_client needs it
        // nothing says busybox was installed on request: removing ssl_client would remove all three
        assertThat(ssl.closure().freesPackages()).isEqualTo(3);
        assertThat(inv.ecosystems()).singleElement().satisfies(e -> {
            assertThat(e.ecosystem()).isEqualTo("apk");
            assertThat(e.packages()).isEqualTo(3);
        });
    }

    @Test
    void packagesTheWorldFileNamesStayWhenAnotherIsRemoved() {
        PackageInventory inv = Scan.of(layer().file("/lib/apk/db/installed", DB)
                .file("/etc/apk/world", "busybox\nssl_client>=1.36\n"));
        assertThat(pkg(inv, "ssl_client").closure().freesPackages()).isEqualTo(1);
    }

    @Test
    void aRecordWithoutNameIsSkippedWithANote() {
        PackageInventory inv = Scan.of(layer().file("/lib/apk/db/installed", "V:1.0\nF:x\nR:y\n\nP:ok\nV:2\n\nnonsense\n"));
        assertThat(inv.packages()).extracting(InstalledPackage::name).containsExactly("ok");
        assertThat(inv.notes()).anyMatch(n -> n.contains("has no P: line"))
                .anyMatch(n -> n.contains("not an 'X:value' line"));
    }
}
