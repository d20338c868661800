package dev.whittle.diagnose;

import static dev.whittle.diagnose.Fixture.finding;
import static dev.whittle.diagnose.Fixture.findings;
import static dev.whittle.diagnose.Fixture.image;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackageCachesTest {
    private static final String ID = PackageCaches.ID;

    @Test
    void catchesAptListsAndCachesLeftByTheInstallRun() {
        Explanation x = image()
                .layer("ADD rootfs / # buildkit", layer().file("etc/os-release", "ID=debian\n").file("bin/sh", 1000))
                .layer("RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit", layer()
                        .file("var/lib/apt/lists/deb_Packages", 40_000).file("var/lib/apt/lists/deb_InRelease", 3_000)
                        .file("var/cache/apt/pkgcache.bin", 20_000).file("var/cache/apt/archives/curl.deb", 7_000)
                        .file("usr/bin/curl", 5_000))
                .explain();
        Finding lists = finding(x, ID, "apt package lists");
        assertThat(lists.bytes()).isEqualTo(43_000);
        assertThat(lists.files()).isEqualTo(2);
        assertThat(lists.title()).isEqualTo("apt package lists shipped in layer 1");
        assertThat(lists.fix()).contains("`RUN apt-get update && apt-get install --no-install-recommends -y curl"
                + " && rm -rf /var/lib/apt/lists/*`");
        Finding caches = finding(x, ID, "apt caches");
        assertThat(caches.bytes()).isEqualTo(27_000);
        assertThat(Fixture.groups(caches)).extracting(PathGroup::path)
                .containsExactly("/var/cache/apt/pkgcache.bin", "/var/cache/apt/archives/curl.deb");
        assertThat(x.summary().savedBytes()).isEqualTo(70_000);
    }

    @Test
    void catchesEveryLanguageCacheInTheLayerThatWroteIt() {
        Explanation x = image()
                .layer("RUN /bin/sh -c npm ci # buildkit", layer().file("root/.npm/_cacache/index-v5/aa/bb", 500)
                        .file("app/node_modules/x/index.js", 100))
                .layer("RUN /bin/sh -c pip install -r requirements.txt # buildkit",
                        layer().file("root/.cache/pip/http/a/b/c", 900).file("home/app/.cache/pip/wheels/x.whl", 100))
                .layer("RUN /bin/sh -c go build ./... # buildkit", layer().file("root/.cache/go-build/0a/x-d", 300))
                .layer("RUN /bin/sh -c mvn package # buildkit", layer().file("root/.m2/repository/a/b.jar", 800))
                .layer("RUN /bin/sh -c gradle build # buildkit", layer().file("home/g/.gradle/caches/x.bin", 200))
                .layer("RUN /bin/sh -c apk add curl # buildkit", layer().file("var/cache/apk/APKINDEX.tgz", 600))
                .layer("RUN /bin/sh -c yarn install # buildkit", layer().file("usr/local/share/.cache/yarn/v6/p", 70))
                .layer("RUN /bin/sh -c dnf install -y x # buildkit", layer().file("var/cache/dnf/repo.solv", 60))
                .layer("RUN /bin/sh -c curl -O x && tar xf x # buildkit", layer().file("tmp/x.tar.gz", 50))
                .explain();
        assertThat(finding(x, ID, "npm cache").bytes()).isEqualTo(500);
        assertThat(finding(x, ID, "pip cache").bytes()).isEqualTo(1_000);
        assertThat(finding(x, ID, "pip cache").fix()).contains("--no-cache-dir");
        assertThat(finding(x, ID, "Go build cache").bytes()).isEqualTo(300);
        assertThat(finding(x, ID, "Maven").bytes()).isEqualTo(800);
        assertThat(finding(x, ID, "Gradle").bytes()).isEqualTo(200);
        assertThat(finding(x, ID, "apk cache").fix()).contains("apk add --no-cache");
        assertThat(finding(x, ID, "yarn cache").bytes()).isEqualTo(70);
        assertThat(finding(x, ID, "yum/dnf").bytes()).isEqualTo(60);
        assertThat(finding(x, ID, "temporary files").bytes()).isEqualTo(50);
        assertThat(findings(x, ID)).hasSize(9);
    }

    @Test
    void doesNotCatchACleanInstall() {
        Explanation x = image()
                .layer("RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends curl"
                        + " && rm -rf /var/lib/apt/lists/* # buildkit", layer().dir("var/lib/apt/lists")
                        .file("usr/bin/curl", 5_000).file("var/lib/dpkg/status", 900).file("app/tmp/x", 10)
                        .file("usr/lib/node_modules/npm/lib/cache.js", 300))
                .explain();
        assertThat(findings(x, ID)).isEmpty();
        assertThat(x.summary().savedBytes()).isZero();
    }
}
