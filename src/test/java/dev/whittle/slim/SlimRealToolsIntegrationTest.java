package dev.whittle.slim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.image.Digest;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.ExternalTool;
import dev.whittle.write.OutputCompression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof with real tools: skopeo inspects and copies every output form, and {@code umoci unpack} of the input and
 * of each output gives the same tree (path, type, size, mode, owner, mtime, link target, device numbers, content
 * hash of every entry).
 */
@Tag("integration")
class SlimRealToolsIntegrationTest {
    @TempDir
    Path tmp;

    @Test
    void umociUnpacksTheSameTreeAndSkopeoAcceptsEveryForm() {
        ExternalTool.assumeInstalled("skopeo");
        ExternalTool.assumeInstalled("umoci");
        Path in = tmp.resolve("in.tar");
        SlimmerTest.hostile().writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        Map<String, String> before = unpack("docker-archive:" + in, "in");
        assertThat(before).containsKeys("/app/h1", "/app/hu", "/dev/null0", "/var/cache/new")
                .doesNotContainKeys("/app/t", "/etc/base-config", "/var/cache/a", "/opt/keep");
        assertThat(before.get("/dev/null0")).startsWith("other").contains("rdev=259");
        assertThat(before.get("/app/cap")).contains("uid=1000 gid=1001").contains("user.whittle.note=kept");

        List<String> outputs = List.of("docker-archive:" + tmp.resolve("out.tar") + ":app:slim",
                "oci:" + tmp.resolve("layout") + ":slim", "oci-archive:" + tmp.resolve("out-oci.tar") + ":slim");
        int n = 0;
        for (String out : outputs) {
            SlimmerTest.slim("docker-archive:" + in, out, null, OutputCompression.GZIP_DEFAULT);
            ExternalTool.run("skopeo", "inspect", out).requireSuccess("skopeo inspect " + out);
            ExternalTool.run("skopeo", "copy", "-q", out, "oci:" + tmp.resolve("copies") + ":c" + n)
                    .requireSuccess("skopeo copy " + out);
            assertThat(unpack(out, "out" + n++)).as(out).isEqualTo(before);
        }
    }

    @Test
    void aSquashedLayerOfManyGzipBlocksIsReadByGoToolsAndIsDeterministic() throws IOException {
        ExternalTool.assumeInstalled("skopeo");
        ExternalTool.assumeInstalled("umoci");
        Path in = tmp.resolve("big.tar");
        dev.whittle.testing.TestImage.builder()
                .layer(dev.whittle.testing.LayerTarBuilder.layer().dir("etc").file("etc/os-release", "ID=x\n"),
                        "ADD rootfs /")
                .emptyStep("CMD [\"sh\"]")
                .layer(dev.whittle.testing.LayerTarBuilder.layer().dir("data")
                        .file("data/a.bin", 3_000_000)
                        .file("data/b.bin", 2_000_000), "COPY data /data")
                .layer(dev.whittle.testing.LayerTarBuilder.layer().whiteout("data/b.bin"), "RUN rm")
                .build().writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        String a = "oci-archive:" + tmp.resolve("a.tar");
        String b = "oci-archive:" + tmp.resolve("b.tar");
        SlimmerTest.slim("docker-archive:" + in, a, null, OutputCompression.parse("gzip:9"));
        SlimmerTest.slim("docker-archive:" + in, b, null, OutputCompression.parse("gzip:9"));
        assertThat(Files.readAllBytes(tmp.resolve("a.tar"))).isEqualTo(Files.readAllBytes(tmp.resolve("b.tar")));
        // umoci (Go) decompresses the multi-block member and checks the diff id against the config
        assertThat(unpack(a, "big")).isEqualTo(unpack("docker-archive:" + in, "big-in"));
    }

    /** Copies the image to an OCI layout with skopeo, unpacks it with umoci, describes every entry of the rootfs. */
    private Map<String, String> unpack(String ref, String name) {
        return unpack(tmp, ref, name);
    }

    /** As above, working in {@code tmp}. */
    static Map<String, String> unpack(Path tmp, String ref, String name) {
        Path layout = tmp.resolve("layout-" + name);
        ExternalTool.run("skopeo", "copy", "-q", ref, "oci:" + layout + ":x").requireSuccess("skopeo copy " + ref);
        Path bundle = tmp.resolve("bundle-" + name);
        ExternalTool.run("umoci", "unpack", "--image", layout + ":x", bundle.toString())
                .requireSuccess("umoci unpack " + ref);
        return describe(bundle.resolve("rootfs"));
    }

    static Map<String, String> describe(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                if (p.equals(root)) {
                    continue;
                }
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                Map<String, Object> unix = Files.readAttributes(p, "unix:mode,uid,gid,rdev,nlink",
                        LinkOption.NOFOLLOW_LINKS);
                String type = a.isDirectory() ? "dir" : a.isSymbolicLink() ? "symlink" : a.isRegularFile() ? "file"
                        : "other";
                StringBuilder d = new StringBuilder(type)
                        .append(" mode=").append(Integer.toOctalString((Integer) unix.get("mode")))
                        .append(" uid=").append(unix.get("uid")).append(" gid=").append(unix.get("gid"));
                if (!a.isDirectory()) {
                    // a directory's mtime changes as the extractor fills it; every other entry's is the header's
                    d.append(" mtime=").append(a.lastModifiedTime().toInstant());
                }
                if (a.isSymbolicLink()) {
                    d.append(" -> ").append(Files.readSymbolicLink(p));
                } else if (a.isRegularFile()) {
                    d.append(" size=").append(a.size()).append(" sha256=")
                            .append(Digest.sha256(Files.readAllBytes(p)).hex());
                } else if (!a.isDirectory()) {
                    d.append(" rdev=").append(unix.get("rdev"));
                }
                var xattrs = Files.getFileAttributeView(p, java.nio.file.attribute.UserDefinedFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (xattrs != null && a.isRegularFile()) {
                    for (String x : new java.util.TreeSet<>(xattrs.list())) {
                        java.nio.ByteBuffer value = java.nio.ByteBuffer.allocate(xattrs.size(x));
                        xattrs.read(x, value);
                        d.append(" user.").append(x).append('=').append(new String(value.array(),
                                java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
                out.put("/" + root.relativize(p).toString().replace('\\', '/'), d.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
