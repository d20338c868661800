package dev.whittle.packages;

import static dev.whittle.packages.Scan.pkg;
import static dev.whittle.packages.Scan.stanza;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DpkgPackagesTest {

    private static final String OS = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n";

    @Test
    void listsInstalledPackagesWithTheirFilesBytesAndTheLayerThatAddedThem() {
        PackageInventory inv = Scan.of(
                layer().file("/usr/lib/os-release", OS).symlink("/etc/os-release", "../usr/lib/os-release")
                        .symlink("/bin", "usr/bin")
                        .file("/usr/bin/bash", 1000).file("/usr/share/doc/bash/copyright", 100)
                        .file("/var/lib/dpkg/status", stanza("bash", "5.2.15-2+b2", "libc6 (>= 2.36)")
                                + stanza("libc6", "2.36-9", null)
                                + "Package: gone\nStatus: deinstall ok config-files\nVersion: 1\n\n")
                        .file("/var/lib/dpkg/info/bash.list", "/.\n/bin\n/bin/bash\n/usr/share/doc/bash\n"
                                + "/usr/share/doc/bash/copyright\n")
                        .file("/usr/lib/x86_64-linux-gnu/libc.so.6", 2000)
                        .file("/var/lib/dpkg/info/libc6:amd64.list", "/usr/lib/x86_64-linux-gnu/libc.so.6\n"
                                + "/usr/lib/x86_64-linux-gnu/libmissing.so\n"),
                layer().file("/usr/bin/curl", 300).file("/var/lib/dpkg/status", stanza("bash", "5.2.15-2+b2",
                                "libc6 (>= 2.36)") + stanza("libc6", "2.36-9", null) + stanza("curl", "7.88.1-10",
                                "libc6"))
                        .file("/var/lib/dpkg/info/curl.list", "/usr/bin/curl\n"),
                layer().file("/usr/lib/x86_64-linux-gnu/libc.so.6", 2500).file("/var/lib/dpkg/status",
                        stanza("bash", "5.2.15-2+b2", "libc6 (>= 2.36)") + stanza("libc6", "2.36-9+deb12u1", null)
                                + stanza("curl", "7.88.1-10", "libc6")));

        assertThat(inv.packages()).extracting(InstalledPackage::name).containsExactly("libc6", "bash", "curl");
        assertThat(inv.os().distro()).isEqualTo("debian-12");

        InstalledPackage bash = pkg(inv, "bash");
        assertThat(bash.files()).isEqualTo(2); // /bin/bash found through the /bin -> usr/bin symlink
        assertThat(bash.installedBytes()).isEqualTo(1100);
        assertThat(bash.layer()).isZero();
        assertThat(bash.changedIn()).isEmpty();
        assertThat(bash.purl()).isEqualTo("pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12");
        assertThat(bash.dependsOn()).containsExactly("libc6");

        InstalledPackage libc = pkg(inv, "libc6");
        assertThat(libc.version()).isEqualTo("2.36-9+deb12u1");
        assertThat(libc.installedBytes()).isEqualTo(2500);
        assertThat(libc.hiddenBytes()).isEqualTo(2000); // the layer-0 copy, overwritten by the upgrade
        assertThat(libc.layer()).isZero();
        assertThat(libc.changedIn()).containsExactly(2);
        assertThat(libc.missingPaths()).isEqualTo(1);
        assertThat(libc.closure().requiredBy()).containsExactly("bash", "curl");

        InstalledPackage curl = pkg(inv, "curl");
        assertThat(curl.layer()).isEqualTo(1);
        assertThat(curl.installedBytes()).isEqualTo(300);
        assertThat(inv.packages()).noneMatch(p -> p.name().equals("gone"));
        assertThat(inv.totals().bytes()).isEqualTo(1100 + 2500 + 300);
    }

    @Test
    void closureCountsWhatAPackagePullsAndWhatRemovingItFreesEvenWithCycles() {
        String status = stanza("build-essential", "12.9", "gcc, make")
                + stanza("gcc", "12", "cpp, libc6")
                + stanza("cpp", "12", "gcc") // a cycle: gcc <-> cpp
                + stanza("make", "4.3", "libc6")
                + stanza("libc6", "2.36", "libgcc-s1")
                + stanza("libgcc-s1", "12", "libc6") // the real libc6 <-> libgcc-s1 cycle
                + stanza("curl", "7", "libc6, make")
                + "Package: dpkg\nStatus: install ok installed\nEssential: yes\nVersion: 1.21\nDepends: tar\n\n"
                + stanza("tar", "1.34", null);
        var l = layer().file("/var/lib/dpkg/status", status);
        for (String p : new String[] {"build-essential", "gcc", "cpp", "make", "libc6", "libgcc-s1", "curl", "dpkg",
                "tar"}) {
            String shared = p.equals("gcc") || p.equals("make") ? "/usr/share/shared-by-gcc-and-make\n" : "";
            l.file("/usr/share/" + p + "/data", 1000).file("/var/lib/dpkg/info/" + p + ".list",
                    "/usr/share/" + p + "/data\n" + shared);
        }
        l.file("/usr/share/shared-by-gcc-and-make", 500);
        PackageInventory inv = Scan.of(l);

        InstalledPackage.Closure be = pkg(inv, "build-essential").closure();
        assertThat(be.packages()).isEqualTo(6); // itself, gcc, cpp, make, libc6, libgcc-s1
        assertThat(be.bytes()).isEqualTo(6 * 1000 + 500);
        // make and libc6 (and so libgcc-s1) stay for curl; the shared file stays with make
        assertThat(be.freesPackages()).isEqualTo(3);
        assertThat(be.freesBytes()).isEqualTo(3000);
        assertThat(be.requiredBy()).isEmpty();

        assertThat(pkg(inv, "make").sharedBytes()).isEqualTo(500);
        assertThat(pkg(inv, "gcc").closure().freesPackages()).isZero(); // build-essential still needs it
        assertThat(pkg(inv, "dpkg").closure().freesPackages()).isEqualTo(2); // dpkg and tar
        assertThat(pkg(inv, "curl").closure().freesPackages()).isEqualTo(1);
        assertThat(inv.totals().sharedFiles()).isEqualTo(1);
    }

    @Test
    void packagesAptInstalledOnRequestStayWhenAnotherIsRemoved() {
        String status = stanza("build-essential", "12.9", "make") + stanza("make", "4.3", null)
                + stanza("git", "2.39", null);
        PackageInventory without = Scan.of(layer().file("/var/lib/dpkg/status", status));
        assertThat(pkg(without, "build-essential").closure().freesPackages()).isEqualTo(2);
        PackageInventory with = Scan.of(layer().file("/var/lib/dpkg/status", status).file(
                "/var/lib/apt/extended_states", "Package: build-essential\nArchitecture: amd64\nAuto-Installed: 0\n\n"
                        + "Package: git\nArchitecture: amd64\nAuto-Installed: 1\n"));
        // make is not marked auto-installed: the user asked for it, so it stays
        assertThat(pkg(with, "build-essential").closure().freesPackages()).isEqualTo(1);
    }

    @Test
    void distrolessStatusDirectoryWithMd5sums() {
        PackageInventory inv = Scan.of(layer()
                .file("/var/lib/dpkg/status.d/base-files", stanza("base-files", "12.4+deb12u5", null))
                .file("/var/lib/dpkg/status.d/base-files.md5sums",
                        "0123456789abcdef0123456789abcdef  etc/debian_version\n"
                                + "0123456789abcdef0123456789abcdef  usr/share/common-licenses/GPL\n")
                .file("/etc/debian_version", 7).file("/usr/share/common-licenses/GPL", 35000));
        InstalledPackage p = pkg(inv, "base-files");
        assertThat(p.installedBytes()).isEqualTo(35007);
        assertThat(p.files()).isEqualTo(2);
        assertThat(p.location()).isEqualTo("/var/lib/dpkg/status.d/base-files");
    }

    @Test
    void corruptStatusRecordsAreSkippedWithNotesAndTheRestIsRead() {
        PackageInventory inv = Scan.of(layer().file("/var/lib/dpkg/status",
                "this is not a field\n" + stanza("ok", "1", null) + "Package: noversion\nStatus: install ok installed\n\n"
                        + " orphan continuation\n\n" + stanza("ok2", "2", "ok") + "\u0000\u0001garbage:\n"));
        assertThat(inv.packages()).extracting(InstalledPackage::name).containsExactlyInAnyOrder("ok", "ok2");
        assertThat(inv.notes()).anyMatch(n -> n.contains("/var/lib/dpkg/status (layer 0): line 1: not a 'Field: value'"))
                .anyMatch(n -> n.contains("has no Version field, skipped"))
                .anyMatch(n -> n.contains("continuation line outside any field"))
                .anyMatch(n -> n.contains("1 dpkg packages") || n.contains("2 dpkg packages have no file list"));
    }

    @Test
    void aStatusFileDeletedByALaterLayerListsNothing() {
        PackageInventory inv = Scan.of(layer().file("/var/lib/dpkg/status", stanza("a", "1", null)),
                layer().whiteout("/var/lib/dpkg/status"));
        assertThat(inv.packages()).isEmpty();
    }
}
