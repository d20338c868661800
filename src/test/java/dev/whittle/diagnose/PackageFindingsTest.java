package dev.whittle.diagnose;

import static dev.whittle.diagnose.Fixture.finding;
import static dev.whittle.diagnose.Fixture.findings;
import static dev.whittle.diagnose.Fixture.image;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.report.explain.ExplainMarkdownRenderer;
import dev.whittle.report.explain.ExplainTextRenderer;
import dev.whittle.testing.LayerTarBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * explain's findings cite the installed packages that cause them (the package scan of the same pass), with the
 * bytes each costs and the layer that installed it; and a byte a package finding claims is no other finding's.
 */
class PackageFindingsTest {

    /** A dpkg status stanza as dpkg writes it. */
    private static String stanza(String name, String version, String depends) {
        return "Package: " + name + "\nStatus: install ok installed\nPriority: optional\nSection: devel\n"
                + "Installed-Size: 100\nMaintainer: Debian GCC Maintainers <debian-gcc@lists.debian.org>\n"
                + "Architecture: amd64\nVersion: " + version + "\n" + (depends == null ? "" : "Depends: " + depends
                + "\n") + "Description: the " + name + " package\n more text\n .\n more\n\n";
    }

    private static final String BASE_STATUS = stanza("libc6", "2.36-9+deb12u4", "libgcc-s1")
            + stanza("libgcc-s1", "12.2.0-14", "libc6")
            + "Package: dpkg\nEssential: yes\nStatus: install ok installed\nPriority: required\nArchitecture: amd64\n"
            + "Version: 1.21.22\nDepends: libc6\nDescription: Debian package management system\n\n";

    private static final String TOOLS_STATUS = BASE_STATUS
            + stanza("build-essential", "12.9", "gcc (>= 4:10.2), make, dpkg-dev (>= 1.17.11)")
            + stanza("gcc", "4:12.2.0-3", "gcc-12 (>= 12.2.0-1~)")
            + stanza("gcc-12", "12.2.0-14", "cpp-12 (= 12.2.0-14), libisl23 (>= 0.15), libc6 (>= 2.36)")
            + stanza("cpp-12", "12.2.0-14", "libisl23 (>= 0.15)")
            + stanza("libisl23", "0.25-1.1", "libc6 (>= 2.14)")
            + stanza("make", "4.3-4.1", "libc6 (>= 2.34)")
            + stanza("dpkg-dev", "1.21.22", "make, binutils")
            + stanza("binutils", "2.40-2", "libc6")
            + stanza("git", "1:2.39.2-1.1", "libc6, libcurl3-gnutls")
            + stanza("libcurl3-gnutls", "7.88.1-10", "libc6")
            + stanza("curl", "7.88.1-10", "libc6, libcurl3-gnutls")
            + stanza("app-runtime", "1.0", "make");

    /** apt marks what came in as a dependency; build-essential, git, curl and app-runtime were asked for. */
    private static final String EXTENDED_STATES = autoInstalled("gcc", "gcc-12", "cpp-12", "libisl23", "make",
            "dpkg-dev", "binutils", "libcurl3-gnutls");

    private static String autoInstalled(String... names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append("Package: ").append(n).append("\nArchitecture: amd64\nAuto-Installed: 1\n\n");
        }
        return sb.toString();
    }

    private static LayerTarBuilder base() {
        return layer().file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                .file("var/lib/dpkg/status", BASE_STATUS)
                .file("var/lib/dpkg/info/libc6:amd64.list", "/usr/lib/x86_64-linux-gnu/libc.so.6\n")
                .file("usr/lib/x86_64-linux-gnu/libc.so.6", 2_000_000)
                .file("var/lib/dpkg/info/libgcc-s1:amd64.list", "/usr/lib/x86_64-linux-gnu/libgcc_s.so.1\n")
                .file("usr/lib/x86_64-linux-gnu/libgcc_s.so.1", 100_000)
                .file("var/lib/dpkg/info/dpkg.list", "/usr/bin/dpkg\n").file("usr/bin/dpkg", 300_000);
    }

    private static LayerTarBuilder tools() {
        LayerTarBuilder l = layer().file("var/lib/dpkg/status", TOOLS_STATUS)
                .file("var/lib/apt/extended_states", EXTENDED_STATES);
        Object[][] files = {
            {"build-essential", "/usr/share/doc/build-essential/copyright", 3_000},
            {"gcc", "/usr/share/doc/gcc/README", 1_000},
            {"gcc-12", "/usr/bin/x86_64-linux-gnu-gcc-12", 900_000},
            {"gcc-12", "/usr/share/doc/gcc-12/changelog.gz", 50_000},
            {"cpp-12", "/usr/lib/gcc/x86_64-linux-gnu/12/cc1", 30_000_000},
            {"libisl23", "/usr/lib/x86_64-linux-gnu/libisl.so.23", 2_500_000},
            {"make", "/usr/bin/make", 250_000},
            {"dpkg-dev", "/usr/bin/dpkg-buildpackage", 40_000},
            {"binutils", "/usr/bin/x86_64-linux-gnu-ld.bfd", 1_800_000},
            {"git", "/usr/lib/git-core/git", 4_000_000},
            {"libcurl3-gnutls", "/usr/lib/x86_64-linux-gnu/libcurl-gnutls.so.4", 700_000},
            {"curl", "/usr/bin/curl", 280_000},
            {"app-runtime", "/usr/bin/app-runtime", 10_000},
        };
        StringBuilder lists = new StringBuilder();
        for (Object[] f : files) {
            l.file(((String) f[1]).substring(1), (Integer) f[2]);
        }
        for (String pkg : List.of("build-essential", "gcc", "gcc-12", "cpp-12", "libisl23", "make", "dpkg-dev",
                "binutils", "git", "libcurl3-gnutls", "curl", "app-runtime")) {
            lists.setLength(0);
            for (Object[] f : files) {
                if (f[0].equals(pkg)) {
                    lists.append(f[1]).append('\n');
                }
            }
            l.file("var/lib/dpkg/info/" + pkg + ":amd64.list", "/.\n/usr\n" + lists);
        }
        return l;
    }

    private static Explanation explainTools() {
        return image().layer("ADD rootfs.tar.xz /", base())
                .layer("RUN /bin/sh -c apt-get update && apt-get install -y build-essential git curl app-runtime"
                        + " # buildkit", tools())
                .explain();
    }

    @Test
    void theToolchainFindingCitesEachPackageItRemovesWithItsBytesAndLayer() {
        Explanation x = explainTools();
        Finding f = finding(x, BuildToolchains.ID, "toolchain");

        // make stays (app-runtime needs it), and so does libcurl3-gnutls (curl needs it); libisl23 goes with gcc
        assertThat(f.packages()).extracting(CitedPackage::name).containsExactly("cpp-12", "git", "libisl23",
                "binutils", "gcc-12", "dpkg-dev", "build-essential", "gcc");
        CitedPackage cpp = f.packages().get(0);
        assertThat(cpp.bytes()).isEqualTo(30_000_000);
        assertThat(cpp.version()).isEqualTo("12.2.0-14");
        assertThat(cpp.purl()).isEqualTo("pkg:deb/debian/cpp-12@12.2.0-14?arch=amd64&distro=debian-12");
        assertThat(cpp.layer().index()).isEqualTo(1);
        assertThat(cpp.layer().instruction()).contains("apt-get install -y build-essential");
        assertThat(cpp.why()).isEqualTo("build tool");
        CitedPackage isl = f.packages().get(2);
        assertThat(isl.bytes()).isEqualTo(2_500_000);
        assertThat(isl.why()).isEqualTo("needed only by the build tools");

        // the finding's bytes are exactly its cited packages' bytes: files only removed packages own
        assertThat(f.bytes()).isEqualTo(f.packages().stream().mapToLong(CitedPackage::bytes).sum())
                .isEqualTo(30_000_000 + 4_000_000 + 2_500_000 + 1_800_000 + 900_000 + 50_000 + 40_000 + 3_000
                        + 1_000);
        assertThat(f.title()).isEqualTo("build toolchain in the final image: cpp-12, git, binutils, gcc-12,"
                + " dpkg-dev, build-essential and 1 more (7 packages, and 1 dependency only they need)");
        assertThat(f.caveats()).contains("make stays: needed by app-runtime.");
        assertThat(f.fix()).contains("apt-get purge -y --auto-remove cpp-12 git binutils gcc-12 dpkg-dev"
                + " build-essential gcc");
    }

    @Test
    void aByteAPackageFindingClaimsIsNoOtherFindingsAndTheSavingsAddUp() {
        Explanation x = explainTools();
        // gcc-12's changelog and build-essential's copyright are docs too: NeverShip (a later round) must not count
        // them again
        List<Finding> docs = findings(x, "WX006").stream().filter(f -> f.title().contains("documentation")).toList();
        for (Finding d : docs) {
            assertThat(Fixture.groups(d)).noneMatch(g -> g.path().startsWith("/usr/share/doc/gcc-12")
                    || g.path().startsWith("/usr/share/doc/build-essential"));
        }
        long sum = x.findings().stream().mapToLong(Finding::bytes).sum();
        assertThat(x.summary().savedBytes()).isEqualTo(sum);
        assertThat(x.summary().projectedBytes()).isEqualTo(x.summary().contentBytes() - sum);
    }

    @Test
    void devDependenciesAreCitedAsTheNpmPackagesTheyAre() {
        String app = "{\"name\":\"app\",\"version\":\"1.0.0\",\"dependencies\":{\"express\":\"^4\"},"
                + "\"devDependencies\":{\"typescript\":\"^5\"}}";
        Explanation x = image().layer("RUN /bin/sh -c npm install # buildkit", layer()
                        .file("app/package.json", app)
                        .file("app/node_modules/express/package.json",
                                "{\"name\":\"express\",\"version\":\"4.18.2\",\"license\":\"MIT\"}")
                        .file("app/node_modules/express/index.js", 20_000)
                        .file("app/node_modules/typescript/package.json",
                                "{\"name\":\"typescript\",\"version\":\"5.3.3\",\"license\":\"Apache-2.0\"}")
                        .file("app/node_modules/typescript/lib/tsc.js", 6_000_000))
                .explain();
        Finding f = finding(x, DevDependencies.ID, "not production dependencies");
        assertThat(f.packages()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("typescript");
            assertThat(p.version()).isEqualTo("5.3.3");
            assertThat(p.ecosystem()).isEqualTo("npm");
            assertThat(p.purl()).isEqualTo("pkg:npm/typescript@5.3.3");
            assertThat(p.why()).isEqualTo("dev");
            assertThat(p.layer().index()).isZero();
        });
        // the package's bytes include its package.json: all of its directory that the finding claims
        long tsBytes = f.packages().get(0).bytes();
        assertThat(tsBytes).isEqualTo(f.bytes()).isGreaterThan(6_000_000);
    }

    @Test
    void renderersShowTheCitedPackages() {
        Explanation x = explainTools();
        String text = ExplainTextRenderer.render(x);
        assertThat(text).contains("   packages (8):\n").containsPattern(
                "\\s+30\\.0 MB  cpp-12 12\\.2\\.0-14 \\(deb\\)  layer 1  \\(build tool\\)\n");
        String md = ExplainMarkdownRenderer.render(x);
        assertThat(md).contains("| bytes | package | layer | why |").contains(
                "| 30.0 MB | `cpp-12 12.2.0-14 (deb)` | 1 | build tool |");
    }

    @Test
    void anImageWithoutPackageDatabasesHasNoPackageCitations() {
        Explanation x = image().layer("COPY . /app", layer().file("app/server.js", 1_000).file("app/debug.log", 500))
                .explain();
        assertThat(x.findings()).allSatisfy(f -> assertThat(f.packages()).isEmpty());
    }
}
