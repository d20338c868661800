package dev.whittle.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tars written by the system's GNU tar in each of its formats index to exactly the files on disk. */
class SystemTarTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "posix", "ustar", "v7"})
    void indexesWhatGnuTarWrites(String format) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/tar")) || Files.isExecutable(Path.of("/usr/bin/tar")),
                "tar is not installed");
        Path root = Files.createDirectories(tmp.resolve("root"));
        String longName = "n".repeat(format.equals("v7") ? 60 : format.equals("ustar") ? 90 : 230);
        Files.createDirectories(root.resolve("usr/share/doc"));
        Files.createDirectories(root.resolve("empty"));
        Files.write(root.resolve("usr/share/doc/" + longName), new byte[1234]);
        Files.write(root.resolve("usr/bin-x"), new byte[70_000]);
        Files.write(root.resolve("zero"), new byte[0]);
        Files.createLink(root.resolve("usr/hard"), root.resolve("usr/bin-x"));
        Files.createSymbolicLink(root.resolve("usr/link"), Path.of("bin-x"));
        Path tar = tmp.resolve("out.tar");
        Process p = new ProcessBuilder("tar", "--format=" + format, "-C", root.toString(), "-cf", tar.toString(), ".")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();

        LayerIndex li;
        try (InputStream in = Files.newInputStream(tar)) {
            li = LayerIndexer.index(in, 0, "layer 0", new PathTable());
        }
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < li.size(); r++) {
            rows.add(li.path(r) + " " + li.type(r) + " " + li.contentBytes(r));
        }
        // GNU tar stores the second name of a hard-linked file as the link, whichever it meets second.
        assertThat(rows).containsExactlyInAnyOrder("/usr DIR 0", "/usr/share DIR 0", "/usr/share/doc DIR 0",
                "/usr/share/doc/" + longName + " FILE 1234", "/empty DIR 0", "/zero FILE 0",
                rows.contains("/usr/hard FILE 70000") ? "/usr/hard FILE 70000" : "/usr/bin-x FILE 70000",
                rows.contains("/usr/hard FILE 70000") ? "/usr/bin-x HARDLINK 0" : "/usr/hard HARDLINK 0",
                "/usr/link SYMLINK 0");
        assertThat(li.tarBytes()).isEqualTo(Files.size(tar));
    }
}
