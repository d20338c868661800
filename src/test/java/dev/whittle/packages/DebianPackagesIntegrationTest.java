package dev.whittle.packages;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.packageurl.PackageURL;
import dev.whittle.fs.LoadProgress;
import dev.whittle.image.ImageReference;
import dev.whittle.report.packages.CycloneDxWriter;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.SourceOptions;
import dev.whittle.testing.Buildah;
import dev.whittle.testing.DebianBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On a real Debian image (a debootstrap base, then a buildah build of {@code apt-get install curl}), Whittle's static
 * reading equals what dpkg itself says inside the image ({@code buildah run}): the package set and versions of
 * {@code dpkg-query -W}, and for every package the bytes of the regular files {@code dpkg -L} lists that exist (each
 * inode once). The packages the build added are dated to its layer, and removing curl frees exactly them.
 */
@Tag("integration")
class DebianPackagesIntegrationTest {
    private static final String RUN = "apt-get update && apt-get install -y --no-install-recommends curl"
            + " && rm -rf /var/lib/apt/lists/*";
    /** Inside the image: one line per package (name, version, status) and one per listed regular file. */
    private static final String TRUTH = "dpkg-query -W -f='pkg ${Package} ${Version} ${db:Status-Abbrev}\\n'; "
            + "for p in $(dpkg-query -W -f='${Package}\\n'); do dpkg -L $p | while read -r f; do "
            + "if [ -f \"$f\" ] && [ ! -L \"$f\" ]; then printf '%s\\n' \"$f\"; fi; done "
            + "| xargs -r -d '\\n' stat -c \"file $p %i %s\"; done";

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void packagesVersionsAndBytesEqualDpkgsOwnAnswersInsideTheImage() throws Exception {
        DebianBase.assumeAvailable();
        try (Buildah buildah = Buildah.temporary("whittle-pkg-it")) {
            Path base = DebianBase.ociArchive(buildah);
            Path context = Files.createDirectories(buildah.work().resolve("context"));
            Files.writeString(context.resolve("Dockerfile"), "FROM oci-archive:" + base + "\nRUN " + RUN + "\n");
            buildah.bud(context, context.resolve("Dockerfile"), "whittle-pkg-curl").requireSuccess("buildah bud");
            Path archive = buildah.pushOciArchive("whittle-pkg-curl", buildah.work().resolve("curl.oci.tar"));

            PackageInventory inv;
            try (Image img = ImageSources.open(ImageReference.parse("oci-archive:" + archive),
                    SourceOptions.defaults())) {
                inv = PackageScanner.scan(img, LoadProgress.NONE);
            }
            Truth inImage = truth(buildah, "whittle-pkg-curl");
            Truth inBase = truth(buildah, "oci-archive:" + base);

            Map<String, String> ours = new TreeMap<>();
            Map<String, Long> ourBytes = new HashMap<>();
            for (InstalledPackage p : inv.packages()) {
                assertThat(ours.put(p.name(), p.version())).as("listed twice: " + p.name()).isNull();
                ourBytes.put(p.name(), p.installedBytes());
            }
            System.out.printf("debian: %d packages, %d bytes in %d files; dpkg-query lists %d%n",
                    inv.packages().size(), inv.totals().bytes(), inv.totals().files(), inImage.versions.size());
            assertThat(ours).isEqualTo(inImage.versions);
            assertThat(ourBytes).isEqualTo(inImage.bytes);

            Set<String> added = new HashSet<>(inImage.versions.keySet());
            added.removeAll(inBase.versions.keySet());
            assertThat(added).contains("curl", "libcurl4").hasSizeGreaterThan(5);
            for (InstalledPackage p : inv.packages()) {
                assertThat(p.layer()).as(p.name()).isEqualTo(added.contains(p.name()) ? 1 : 0);
                PackageURL purl = new PackageURL(p.purl());
                assertThat(purl.getNamespace() + "/" + purl.getName() + "@" + purl.getVersion()).as(p.name())
                        .isEqualTo("debian/" + p.name() + "@" + p.version());
                assertThat(purl.getQualifiers()).containsEntry("distro", "debian-12");
            }
            InstalledPackage curl = inv.packages().stream().filter(p -> p.name().equals("curl")).findFirst()
                    .orElseThrow();
            // everything the build added came for curl, and apt marked it auto-installed
            assertThat(curl.closure().freesPackages()).isEqualTo(added.size());
            long addedBytes = inv.packages().stream().filter(p -> added.contains(p.name()))
                    .mapToLong(InstalledPackage::installedBytes).sum();
            assertThat(curl.closure().freesBytes()).isLessThanOrEqualTo(addedBytes).isGreaterThan(addedBytes / 2);
            System.out.printf("debian: curl pulls %d packages (%d bytes); removing it frees %d packages (%d bytes)%n",
                    curl.closure().packages(), curl.closure().bytes(), curl.closure().freesPackages(),
                    curl.closure().freesBytes());

            Path sbom = buildah.work().resolve("sbom.json");
            Files.writeString(sbom, CycloneDxWriter.write(inv, "test", new Date()));
            assertThat(new JsonParser().validate(sbom.toFile(), Version.VERSION_16)).isEmpty();
        }
    }

    /** What dpkg says inside an image. */
    private record Truth(Map<String, String> versions, Map<String, Long> bytes) {
    }

    private static Truth truth(Buildah buildah, String image) throws IOException {
        String ctr = buildah.run("from", image).requireSuccess("buildah from " + image).stdout().strip();
        String out = buildah.run("run", "--isolation", "chroot", ctr, "--", "sh", "-c", TRUTH)
                .requireSuccess("dpkg inside the image").stdout();
        buildah.run("rm", ctr);
        Map<String, String> versions = new TreeMap<>();
        Map<String, Long> bytes = new HashMap<>();
        Map<String, Set<String>> inodes = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.split(" ");
            if (f[0].equals("pkg") && f.length >= 4 && f[3].startsWith("ii")) {
                versions.put(f[1], f[2]);
                bytes.putIfAbsent(f[1], 0L);
            } else if (f[0].equals("file") && f.length == 4 && inodes.computeIfAbsent(f[1], k -> new HashSet<>())
                    .add(f[2])) {
                bytes.merge(f[1], Long.parseLong(f[3]), Long::sum);
            }
        }
        bytes.keySet().retainAll(versions.keySet());
        return new Truth(versions, bytes);
    }
}
