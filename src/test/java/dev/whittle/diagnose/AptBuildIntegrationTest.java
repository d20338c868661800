package dev.whittle.diagnose;

import static dev.whittle.diagnose.Fixture.findings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.whittle.fs.LoadProgress;
import dev.whittle.image.ImageReference;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.Layer;
import dev.whittle.source.SourceOptions;
import dev.whittle.testing.ExternalTool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;

/**
 * A real image, built by buildah from a debootstrap Debian base, the guide's wrong way
 * ({@code RUN apt-get update && apt-get install -y curl}): {@code explain} reports the apt lists and caches of that
 * layer with exactly the bytes the layer's tar holds (counted here with commons-compress, not with Whittle's reader);
 * the guide's fix ({@code --no-install-recommends} and {@code rm -rf /var/lib/apt/lists/*} in the same RUN) makes
 * the lists finding go away. The base is cached in {@code /var/tmp/whittle-it/} (keyed by {@link #BASE_VERSION}) and
 * rebuilt from nothing when absent. Skips without root, buildah or debootstrap.
 */
@Tag("integration")
class AptBuildIntegrationTest {
    private static final String BASE_VERSION = "bookworm-minbase-1";
    private static final Path CACHE = Path.of("/var/tmp/whittle-it");
    private static final String RUN = "apt-get update && apt-get install -y curl";
    private static final String FIXED_RUN = "apt-get update && apt-get install -y --no-install-recommends curl"
            + " && rm -rf /var/lib/apt/lists/*";

    private Path work;

    @BeforeEach
    void needsRootBuildahAndDebootstrap() throws IOException {
        ExternalTool.assumeInstalled("buildah");
        ExternalTool.assumeInstalled("debootstrap");
        assumeTrue(ExternalTool.run("id", "-u").stdout().strip().equals("0"), "needs root");
        work = Files.createTempDirectory("whittle-it");
    }

    @AfterEach
    void deleteBuildStorage() {
        if (work != null) {
            buildah("rm", "--all");
            ExternalTool.run(5, "rm", "-rf", work.toString());
        }
    }

    @Test
    @Timeout(value = 25, unit = TimeUnit.MINUTES)
    void explainReportsTheAptListsAndCachesOfTheInstallLayerAndTheFixRemovesTheLists() throws IOException {
        Path base = base();
        Path before = build("before", base, RUN);
        Explanation x = explain(before);
        long[] lists = measured(before, "var/lib/apt/lists/");
        long[] caches = measured(before, "var/cache/apt/");
        System.out.printf("apt build: lists %d bytes in %d files, caches %d bytes in %d files%n", lists[0], lists[1],
                caches[0], caches[1]);
        Finding listFinding = Fixture.finding(x, PackageCaches.ID, "apt package lists");
        assertThat(listFinding.bytes()).isEqualTo(lists[0]).isGreaterThan(1_000_000);
        assertThat(listFinding.files()).isEqualTo(lists[1]);
        assertThat(listFinding.evidence()).singleElement().satisfies(e -> {
            assertThat(e.layer().index()).isEqualTo(1);
            assertThat(e.layer().instruction()).contains(RUN);
        });
        Finding cacheFinding = Fixture.finding(x, PackageCaches.ID, "apt caches");
        assertThat(cacheFinding.bytes()).isEqualTo(caches[0]).isGreaterThan(1_000_000);
        assertThat(cacheFinding.files()).isEqualTo(caches[1]);

        Path fixed = build("fixed", base, FIXED_RUN);
        Explanation y = explain(fixed);
        assertThat(measured(fixed, "var/lib/apt/lists/")[0]).isZero();
        assertThat(findings(y, PackageCaches.ID)).noneMatch(f -> f.title().contains("apt package lists"));
        long[] leftCaches = measured(fixed, "var/cache/apt/");
        System.out.printf("fixed build: lists gone, caches %d bytes in %d files%n", leftCaches[0], leftCaches[1]);
        // Without docker-clean (official Debian images ship it) apt keeps its *.bin caches and .debs: still reported.
        assertThat(findings(y, PackageCaches.ID).stream().filter(f -> f.title().contains("apt caches"))
                .mapToLong(Finding::bytes).sum()).isEqualTo(leftCaches[0]);
    }

    private static Explanation explain(Path archive) {
        try (Image img = ImageSources.open(ImageReference.parse("oci-archive:" + archive), SourceOptions.defaults())) {
            return Explainer.explain(img, ExplainOptions.DEFAULTS, LoadProgress.NONE);
        }
    }

    /** Bytes and regular files under {@code prefix} in the image's last layer, read with commons-compress. */
    private static long[] measured(Path archive, String prefix) throws IOException {
        try (Image img = ImageSources.open(ImageReference.parse("oci-archive:" + archive), SourceOptions.defaults())) {
            List<Layer> layers = img.layers();
            long[] out = new long[2];
            try (InputStream in = layers.get(layers.size() - 1).openTar();
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    String name = e.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
                    if (e.isFile() && !e.isLink() && name.startsWith(prefix)
                            && !name.substring(name.lastIndexOf('/') + 1).startsWith(".wh.")) {
                        out[0] += e.getSize();
                        out[1]++;
                    }
                }
            }
            return out;
        }
    }

    private Path build(String name, Path base, String run) throws IOException {
        Path context = Files.createDirectories(work.resolve("ctx-" + name));
        Files.writeString(context.resolve("Dockerfile"), "FROM oci-archive:" + base + "\nRUN " + run + "\n");
        buildah("bud", "--isolation", "chroot", "-f", context.resolve("Dockerfile").toString(), "-t",
                "whittle-it-" + name, context.toString()).requireSuccess("buildah bud " + name);
        Path out = work.resolve(name + ".oci.tar");
        buildah("push", "whittle-it-" + name, "oci-archive:" + out).requireSuccess("buildah push " + name);
        return out;
    }

    /** The cached base image, built from nothing (debootstrap, then buildah) when absent. */
    private Path base() throws IOException {
        Path cached = CACHE.resolve("debian-" + BASE_VERSION + ".oci.tar");
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        Files.createDirectories(CACHE);
        Path rootfs = work.resolve("rootfs");
        ExternalTool.run(15, "debootstrap", "--variant=minbase", "bookworm", rootfs.toString(), mirror())
                .requireSuccess("debootstrap");
        ExternalTool.run(2, "sh", "-c", "rm -rf " + rootfs + "/var/cache/apt/archives/*.deb " + rootfs
                + "/var/lib/apt/lists/* " + rootfs + "/var/log/*").requireSuccess("cleaning the rootfs");
        Path tar = work.resolve("rootfs.tar");
        ExternalTool.run(5, "tar", "-C", rootfs.toString(), "--exclude=./dev/*", "--exclude=./proc/*",
                "--exclude=./sys/*", "-cf", tar.toString(), ".").requireSuccess("tar rootfs");
        String ctr = buildah("from", "scratch").requireSuccess("buildah from scratch").stdout().strip();
        buildah("add", ctr, tar.toString(), "/").requireSuccess("buildah add");
        buildah("commit", ctr, "whittle-it-base").requireSuccess("buildah commit");
        Path partial = Files.createTempFile(CACHE, "base", ".partial");
        Files.delete(partial);
        buildah("push", "whittle-it-base", "oci-archive:" + partial).requireSuccess("buildah push base");
        Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return cached;
    }

    private static String mirror() throws IOException {
        Path sources = Path.of("/etc/apt/sources.list.d/debian.sources");
        if (Files.isRegularFile(sources)) {
            for (String line : Files.readAllLines(sources)) {
                if (line.startsWith("URIs:")) {
                    return line.substring(5).strip().split("\\s+")[0];
                }
            }
        }
        assumeTrue(false, "no Debian mirror in " + sources);
        return null;
    }

    private ExternalTool.Result buildah(String... args) {
        String[] cmd = new String[args.length + 7];
        String[] head = {"buildah", "--root", work.resolve("storage").toString(), "--runroot",
            work.resolve("run").toString(), "--storage-driver", "vfs"};
        System.arraycopy(head, 0, cmd, 0, head.length);
        System.arraycopy(args, 0, cmd, head.length, args.length);
        return ExternalTool.run(15, cmd);
    }
}
