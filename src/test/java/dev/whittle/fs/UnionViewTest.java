package dev.whittle.fs;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UnionViewTest {

    static UnionView union(byte[]... tars) {
        return FilesystemLoader.load(InMemoryImage.of(tars));
    }

    /** "path size layer" of every regular file and link of the final filesystem. */
    static List<String> finalFiles(UnionView u) {
        return u.walk("/", -1).stream().filter(e -> e.type() != EntryType.DIR)
                .map(e -> e.path() + " " + e.totalBytes() + " L" + e.layer()).collect(Collectors.toList());
    }

    static List<String> fates(UnionView u) {
        List<String> out = new ArrayList<>();
        u.forEachEntry(e -> {
            if (e.hidden()) {
                out.add("L" + e.layer() + " " + e.path() + " " + e.reason() + " by L" + e.hiddenBy() + " at "
                        + e.hiddenByPath());
            }
        });
        return out;
    }

    @Test
    void overwriteChainWhiteoutsAndADeletedDirectory() {
        UnionView u = union(Stacks.overwriteChainAndDeletedDirectory());
        assertThat(finalFiles(u)).containsExactly("/bin/sh 200 L0", "/etc/conf 120 L2");
        assertThat(u.contentBytes()).isEqualTo(2120);
        assertThat(u.visibleBytes()).isEqualTo(320);
        assertThat(u.layerStats()).extracting(LayerStats::hiddenBytes).containsExactly(1600L, 200L, 0L);
        assertThat(u.layerStats()).extracting(LayerStats::hidingBytes).containsExactly(0L, 1600L, 200L);
        assertThat(u.layerStats()).extracting(s -> s.filesAdded() + "/" + s.filesModified() + "/" + s.filesDeleted())
                .containsExactly("4/0/0", "1/1/1", "0/1/1");
        assertThat(fates(u)).containsExactlyInAnyOrder(
                "L0 /etc/conf OVERWRITTEN by L1 at /etc/conf",
                "L0 /var/cache/apt WHITEOUT by L1 at /var/cache/apt",
                "L0 /var/cache/apt/a.deb PARENT_DELETED by L1 at /var/cache/apt",
                "L0 /var/cache/apt/b.deb PARENT_DELETED by L1 at /var/cache/apt",
                "L1 /etc/conf OVERWRITTEN by L2 at /etc/conf",
                "L1 /app/x WHITEOUT by L2 at /app/x");
        assertThat(u.stat("/var/cache/apt")).isEmpty();
        assertThat(u.stat("/var/cache")).isPresent();
        assertThat(u.stat("/app")).get().extracting(FileEntry::implicit).isEqualTo(true);
    }

    @Test
    void opaqueWhiteoutsApplyWhereverTheySitInTheTar() {
        UnionView u = union(Stacks.opaqueBeforeAndAfterSiblings());
        assertThat(finalFiles(u)).containsExactly("/opt/app/newer 7 L2", "/opt/other 5 L0");
        assertThat(u.contentBytes()).isEqualTo(362);
        assertThat(u.visibleBytes()).isEqualTo(12);
        assertThat(u.layerStats()).extracting(LayerStats::hiddenBytes).containsExactly(310L, 40L, 0L);
        assertThat(fates(u)).containsExactlyInAnyOrder(
                "L0 /opt/app/old OPAQUE_WHITEOUT by L1 at /opt/app",
                "L0 /opt/app/keep OPAQUE_WHITEOUT by L1 at /opt/app",
                "L1 /opt/app/new OPAQUE_WHITEOUT by L2 at /opt/app");
    }

    @Test
    void opaqueAtTheRootHidesEverythingBelow() {
        UnionView u = union(layer().file("a", 1).file("d/b", 2).build(), layer().opaque("").file("c", 3).build());
        assertThat(finalFiles(u)).containsExactly("/c 3 L1");
    }

    @Test
    void filesReplacingDirectoriesAndDirectoriesReplacingFiles() {
        // L0's /lib is implied by its children, so it is not an entry of its own and not listed among the fates.
        UnionView u = union(Stacks.replacementsLinksAndDuplicates());
        assertThat(finalFiles(u)).containsExactly(
                "/bin/busybox 1000 L0", "/bin/ls 0 L0", "/data/inner 10 L1", "/dup 4 L1", "/lib 5 L1");
        assertThat(u.stat("/data").orElseThrow().type()).isEqualTo(EntryType.DIR);
        assertThat(u.contentBytes()).isEqualTo(1178);
        assertThat(u.visibleBytes()).isEqualTo(1019);
        assertThat(fates(u)).containsExactlyInAnyOrder(
                "L0 /data OVERWRITTEN by L1 at /data",
                "L0 /lib/x PARENT_DELETED by L1 at /lib",
                "L0 /lib/y PARENT_DELETED by L1 at /lib",
                "L1 /dup DUPLICATE by L1 at /dup");
        assertThat(u.layerStats().get(1)).extracting(s -> s.filesAdded() + "/" + s.filesModified())
                .isEqualTo("2/1");
    }

    @Test
    void hardLinksMayPointIntoLowerLayersButNotAtNothing() {
        UnionView ok = union(layer().file("f", 5).build(), layer().hardlink("g", "f").build());
        assertThat(finalFiles(ok)).containsExactly("/f 5 L0", "/g 0 L1");
        assertThatThrownBy(() -> union(layer().file("f", 5).build(), layer().hardlink("g", "missing").build()))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("hard link /g points at /missing, which is not a file in this layer or the "
                        + "layers below");
    }

    @Test
    void listingWalkingAndDiskUsage() {
        UnionView u = union(layer().file("usr/bin/b", 10).file("usr/bin/a", 20).file("usr/lib/c", 5)
                .symlink("bin", "usr/bin").build());
        assertThat(u.list("/usr")).extracting(FileEntry::name).containsExactly("bin", "lib");
        assertThat(u.list("usr/bin/a")).extracting(FileEntry::path).containsExactly("/usr/bin/a");
        assertThat(u.list("/nope")).isEmpty();
        assertThat(u.walk("/", 1)).extracting(e -> e.path() + " " + e.totalBytes())
                .containsExactly("/ 35", "/bin 0", "/usr 35");
        assertThat(u.walk("/usr", -1)).extracting(FileEntry::path)
                .containsExactly("/usr", "/usr/bin", "/usr/bin/a", "/usr/bin/b", "/usr/lib", "/usr/lib/c");
        assertThat(u.diskUsage("/usr/bin")).isEqualTo(30);
        assertThat(u.walk("/usr", 1).get(1).depth()).isEqualTo(2);
    }

    @Test
    void symlinksResolveInsideTheImageWithLoopDetection() {
        UnionView u = union(layer().file("usr/bin/env", 1).symlink("bin", "usr/bin").symlink("abs", "/usr")
                .symlink("loop1", "loop2").symlink("loop2", "/loop1").symlink("dangling", "nowhere").build());
        assertThat(u.resolve("/bin")).contains("/usr/bin");
        assertThat(u.resolve("/bin/env")).contains("/usr/bin/env");
        assertThat(u.resolve("abs/bin")).contains("/usr/bin");
        assertThat(u.resolve("/bin/..")).contains("/usr"); // physical, like the kernel: /bin is /usr/bin
        assertThat(u.resolve("/dangling")).isEmpty();
        assertThat(u.resolve("/usr/bin/env/x")).isEmpty();
        assertThatThrownBy(() -> u.resolve("/loop1/x")).isInstanceOf(InputException.class)
                .hasMessageMatching("symlink loop at /loop[12]");
    }

    @Test
    void findMatchesGlobsOverTheFinalTree() {
        UnionView u = union(
                layer().file("app/a.log", 3).file("app/node_modules/x/y.test.js", 4).file("app/src/m.js", 5)
                        .file("root/.npm/_cacache/c", 100).file("var/log/old.log", 7).build(),
                layer().whiteout("var/log/old.log").build());
        assertThat(u.find(List.of(Glob.compile("**/*.log")))).extracting(FileEntry::path)
                .containsExactly("/app/a.log");
        assertThat(u.find(List.of(Glob.compile("*.test.js"), Glob.compile("/root/.npm"))))
                .extracting(e -> e.path() + " " + e.totalBytes())
                .containsExactly("/app/node_modules/x/y.test.js 4", "/root/.npm 100");
    }

    @Test
    void largestFilesOfTheFinalTree() {
        UnionView u = union(layer().file("a", 5).file("b", 50).file("c", 20).build(),
                layer().file("b", 1).build());
        assertThat(u.largestFiles(2)).extracting(e -> e.path() + " " + e.totalBytes())
                .containsExactly("/c 20", "/a 5");
    }

    @Test
    void oneLayersChangesMarkedLikeDivesFilePane() {
        UnionView u = union(layer().file("keep", 1).file("gone", 30).dir("d").file("d/f", 8).build(),
                layer().file("keep", 2).whiteout("gone").whiteout("d").whiteout("never").file("new", 3).build());
        assertThat(u.changes(1)).extracting(c -> c.change() + " " + c.path() + " " + c.size())
                .containsExactly("DELETED /d 8", "DELETED /gone 30", "MODIFIED /keep 2", "ADDED /new 3");
    }
}
