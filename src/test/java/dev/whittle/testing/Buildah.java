package dev.whittle.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * buildah with private storage for one test: {@code --root}/{@code --runroot} under a temporary directory, the vfs
 * driver, chroot isolation (what works without cgroups). {@link #close()} removes the containers and the storage.
 */
public final class Buildah implements AutoCloseable {

    private final Path work;

    private Buildah(Path work) {
        this.work = work;
    }

    /** A buildah whose storage lives under {@code work}. */
    public static Buildah in(Path work) {
        return new Buildah(work);
    }

    /** The directory this buildah keeps its storage in. */
    public Path work() {
        return work;
    }

    /** Runs {@code buildah <global storage flags> args...} with a 15-minute limit. */
    public ExternalTool.Result run(String... args) {
        List<String> cmd = new ArrayList<>(List.of("buildah", "--root", work.resolve("storage").toString(),
                "--runroot", work.resolve("run").toString(), "--storage-driver", "vfs"));
        cmd.addAll(List.of(args));
        return ExternalTool.run(15, cmd.toArray(new String[0]));
    }

    /**
     * Builds {@code context} with {@code dockerfile} as {@code tag} in chroot isolation. Without {@code --layers}
     * buildah runs each stage in one container and commits it once, as one layer: with vfs every extra layer is a
     * full copy of the root filesystem, which would make a ten-step build take ten times as long.
     */
    public ExternalTool.Result bud(Path context, Path dockerfile, String tag, String... extra) {
        List<String> args = new ArrayList<>(List.of("bud", "--isolation", "chroot", "-f",
                dockerfile.toString(), "-t", tag));
        args.addAll(List.of(extra));
        args.add(context.toString());
        return run(args.toArray(new String[0]));
    }

    /** Writes image {@code name} as an OCI archive (layers uncompressed: faster) and returns its path. */
    public Path pushOciArchive(String name, Path archive) {
        run("push", "--disable-compression", name, "oci-archive:" + archive).requireSuccess("buildah push " + name);
        return archive;
    }

    /** Removes every container and the storage directory. */
    @Override
    public void close() {
        run("rm", "--all");
        ExternalTool.run(5, "rm", "-rf", work.toString());
    }

    /** Creates a fresh work directory under the system temporary directory. */
    public static Buildah temporary(String prefix) throws IOException {
        return new Buildah(Files.createTempDirectory(prefix));
    }
}
