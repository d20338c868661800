package dev.whittle.diagnose;

import static dev.whittle.diagnose.Fixture.finding;
import static dev.whittle.diagnose.Fixture.findings;
import static dev.whittle.diagnose.Fixture.image;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildToolchainsTest {
    private static final String ID = BuildToolchains.ID;

    private static String status(String... packages) {
        StringBuilder sb = new StringBuilder();
        for (String p : packages) {
            String[] nameState = p.split("=");
            sb.append("Package: ").append(nameState[0]).append("\nStatus: install ok ")
                    .append(nameState.length > 1 ? nameState[1] : "installed").append("\nArchitecture: amd64\nVersion: 1\n\n");
        }
        return sb.toString();
    }

    @Test
    void catchesDpkgToolchainPackagesByTheFilesTheyOwn() {
        Explanation x = image()
                .layer("ADD rootfs /", layer().file("var/lib/dpkg/status", status("libc6")).file("lib/libc.so", 900))
                .layer("RUN /bin/sh -c apt-get install -y gcc make curl # buildkit", layer()
                        .file("var/lib/dpkg/status", status("libc6", "gcc-12", "make", "curl", "zlib1g-dev=config-files"))
                        .file("var/lib/dpkg/info/gcc-12:amd64.list", "/.\n/usr\n/usr/bin\n/usr/bin/gcc-12\n/usr/lib/cc1\n")
                        .file("var/lib/dpkg/info/make.list", "/usr/bin/make\n")
                        .file("var/lib/dpkg/info/curl.list", "/usr/bin/curl\n")
                        .file("var/lib/dpkg/info/zlib1g-dev.list", "/usr/include/zlib.h\n")
                        .file("usr/bin/gcc-12", 3_000).file("usr/lib/cc1", 9_000).file("usr/bin/make", 700)
                        .file("usr/bin/curl", 400).file("usr/include/zlib.h", 50))
                .explain();
        Finding f = finding(x, ID, "toolchain");
        assertThat(f.title()).isEqualTo("build toolchain in the final image: gcc-12, make (2 packages)");
        assertThat(f.bytes()).isEqualTo(12_700);
        assertThat(f.fix()).contains("apt-get purge -y --auto-remove gcc-12 make");
    }

    @Test
    void catchesApkBuildBase() {
        String db = "P:musl\nV:1\nF:lib\nR:ld-musl-x86_64.so.1\n\nP:gcc\nV:13\nF:usr/bin\nR:gcc\nF:usr/libexec/gcc\n"
                + "R:cc1\n\nP:musl-dev\nV:1.2.4-r2\nF:usr/include\nR:stdio.h\n";
        Explanation x = image().layer("RUN /bin/sh -c apk add build-base # buildkit", layer()
                .file("lib/apk/db/installed", db).file("lib/ld-musl-x86_64.so.1", 600).file("usr/bin/gcc", 1_000)
                .file("usr/libexec/gcc/cc1", 8_000).file("usr/include/stdio.h", 30)).explain();
        Finding f = finding(x, ID, "toolchain");
        assertThat(f.bytes()).isEqualTo(9_030);
        assertThat(f.fix()).contains("apk del gcc musl-dev");
    }

    @Test
    void doesNotCatchRuntimePackagesOrRemovedTools() {
        Explanation x = image()
                .layer("RUN /bin/sh -c apt-get install -y curl gcc-12-base libgcc-s1 # buildkit", layer()
                        .file("var/lib/dpkg/status", status("curl", "gcc-12-base", "libgcc-s1", "make=config-files"))
                        .file("var/lib/dpkg/info/gcc-12-base.list", "/usr/share/doc/gcc-12-base/copyright\n")
                        .file("var/lib/dpkg/info/make.list", "/usr/bin/make\n")
                        .file("usr/share/doc/gcc-12-base/copyright", 500).file("usr/bin/curl", 400))
                .explain();
        assertThat(findings(x, ID)).isEmpty();
    }
}
