package dev.whittle.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A real Debian base image for integration tests: {@code debootstrap --variant=minbase bookworm} from the host's
 * Debian mirror, committed with buildah and kept as an OCI archive in {@code /var/tmp/whittle-it/} under a name
 * that carries {@link #VERSION}, so every test on the machine shares one copy and a new machine builds it from
 * nothing (about a minute). Change {@link #VERSION} whenever the recipe changes.
 */
public final class DebianBase {

    /** The recipe's version: part of the cached file's name. */
    public static final String VERSION = "bookworm-minbase-1";

    /** Where the base (and other caches of integration tests) live between runs. */
    public static final Path CACHE = Path.of("/var/tmp/whittle-it");

    private DebianBase() {
    }

    /** Skips the calling test unless it runs as root with buildah and debootstrap installed. */
    public static void assumeAvailable() {
        ExternalTool.assumeInstalled("buildah");
        ExternalTool.assumeInstalled("debootstrap");
        assumeTrue(ExternalTool.run("id", "-u").stdout().strip().equals("0"), "needs root");
    }

    /** The cached base as an OCI archive, built with {@code buildah} (its storage) when absent. */
    public static Path ociArchive(Buildah buildah) throws IOException {
        Path cached = CACHE.resolve("debian-" + VERSION + ".oci.tar");
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        Files.createDirectories(CACHE);
        Path rootfs = buildah.work().resolve("rootfs");
        ExternalTool.run(15, "debootstrap", "--variant=minbase", "bookworm", rootfs.toString(), mirror())
                .requireSuccess("debootstrap");
        ExternalTool.run(2, "sh", "-c", "rm -rf " + rootfs + "/var/cache/apt/archives/*.deb " + rootfs
                + "/var/lib/apt/lists/* " + rootfs + "/var/log/*").requireSuccess("cleaning the rootfs");
        Path tar = buildah.work().resolve("rootfs.tar");
        ExternalTool.run(5, "tar", "-C", rootfs.toString(), "--exclude=./dev/*", "--exclude=./proc/*",
                "--exclude=./sys/*", "-cf", tar.toString(), ".").requireSuccess("tar rootfs");
        String ctr = buildah.run("from", "scratch").requireSuccess("buildah from scratch").stdout().strip();
        buildah.run("add", ctr, tar.toString(), "/").requireSuccess("buildah add");
        buildah.run("commit", ctr, "whittle-it-base").requireSuccess("buildah commit");
        Path partial = Files.createTempFile(CACHE, "base", ".partial");
        Files.delete(partial);
        buildah.pushOciArchive("whittle-it-base", partial);
        Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        ExternalTool.run(5, "rm", "-rf", rootfs.toString(), tar.toString());
        return cached;
    }

    /** The host's Debian mirror, from its apt sources; skips the test when there is none. */
    public static String mirror() throws IOException {
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
}
