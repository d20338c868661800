package dev.whittle.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputSwapTest {

    @TempDir
    Path dir;

    @Test
    void aFileGoesToAFreeName() throws IOException {
        Path staged = write(".staged", "new");
        OutputSwap.install(staged, dir.resolve("out.tar"));
        assertThat(Files.readString(dir.resolve("out.tar"))).isEqualTo("new");
        assertThat(names()).containsExactly("out.tar");
    }

    @Test
    void anOldFileIsReplacedAndNothingIsLeftBeside() throws IOException {
        write("out.tar", "old");
        Path staged = write(".staged", "new");
        OutputSwap.install(staged, dir.resolve("out.tar"));
        assertThat(Files.readString(dir.resolve("out.tar"))).isEqualTo("new");
        assertThat(names()).containsExactly("out.tar");
    }

    @Test
    void theOldFileIsRenamedAsideNotRenamedOver() throws IOException {
        // a rename over the old file keeps the target's name pointing at a new inode in one step; the swap moves the
        // old inode away first: a hard link to the old file keeps its content, as with any replacement
        Path target = write("out.tar", "old");
        Files.createLink(dir.resolve("keep"), target);
        OutputSwap.install(write(".staged", "new"), target);
        assertThat(Files.readString(dir.resolve("keep"))).isEqualTo("old");
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(names()).containsExactlyInAnyOrder("keep", "out.tar");
    }

    @Test
    void aSymlinkAtTheTargetIsReplacedNotFollowed() throws IOException {
        Path elsewhere = write("elsewhere", "theirs");
        Files.createSymbolicLink(dir.resolve("out.tar"), elsewhere);
        OutputSwap.install(write(".staged", "new"), dir.resolve("out.tar"));
        assertThat(Files.isSymbolicLink(dir.resolve("out.tar"))).isFalse();
        assertThat(Files.readString(dir.resolve("out.tar"))).isEqualTo("new");
        assertThat(Files.readString(elsewhere)).isEqualTo("theirs");
        assertThat(names()).containsExactlyInAnyOrder("elsewhere", "out.tar");
    }

    @Test
    void aDirectoryReplacesADirectoryWithAllItHeld() throws IOException {
        Files.createDirectories(dir.resolve("layout/blobs/sha256"));
        Files.writeString(dir.resolve("layout/blobs/sha256/aa"), "old blob");
        Files.createDirectories(dir.resolve(".staged/blobs"));
        Files.writeString(dir.resolve(".staged/index.json"), "{}");
        OutputSwap.install(dir.resolve(".staged"), dir.resolve("layout"));
        try (Stream<Path> all = Files.walk(dir.resolve("layout"))) {
            assertThat(all.map(p -> dir.resolve("layout").relativize(p).toString()))
                    .containsExactlyInAnyOrder("", "blobs", "index.json");
        }
        assertThat(names()).containsExactly("layout");
    }

    @Test
    void aFileIsNotSwappedForADirectoryNorADirectoryForAFile() throws IOException {
        Files.createDirectories(dir.resolve("out.tar"));
        Files.writeString(dir.resolve("out.tar/theirs"), "kept");
        Path staged = write(".staged", "new");
        assertThatThrownBy(() -> OutputSwap.install(staged, dir.resolve("out.tar")))
                .isInstanceOf(IOException.class).hasMessageContaining("is a directory");
        assertThat(Files.readString(dir.resolve("out.tar/theirs"))).isEqualTo("kept");

        write("layout", "a file");
        Files.createDirectories(dir.resolve(".staged-dir"));
        assertThatThrownBy(() -> OutputSwap.install(dir.resolve(".staged-dir"), dir.resolve("layout")))
                .isInstanceOf(IOException.class).hasMessageContaining("exists and is not a directory");
        assertThat(Files.readString(dir.resolve("layout"))).isEqualTo("a file");
    }

    @Test
    void whenTheNewOutputCannotBeMovedTheOldOneIsPutBack() throws IOException {
        Path target = write("out.tar", "old");
        Path missing = dir.resolve(".staged-but-gone");
        assertThatThrownBy(() -> OutputSwap.install(missing, target)).isInstanceOf(IOException.class);
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(names()).containsExactly("out.tar");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private List<String> names() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
