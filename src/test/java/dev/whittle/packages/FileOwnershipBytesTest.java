package dev.whittle.packages;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.fs.EntryType;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.InMemoryImage;
import dev.whittle.fs.PathTable;
import dev.whittle.fs.UnionView;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link FileOwnership#own(ListedPaths)} looks listed paths up as bytes, under the parent directory of the line
 * before. Its definition is the lookup by strings it replaced: a path as listed, else its parent's symlinks followed
 * ({@link #definition}). They must agree on generated lists over a merged-/usr image with symlinked parents, a
 * dangling one, {@code ..}, {@code .}, empty segments, relative paths and multi-byte names.
 */
class FileOwnershipBytesTest {
    private static final List<String> PARENTS = List.of("/bin", "/usr/bin", "/usr/bin/../bin", "/bin/.", "//usr//bin",
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib", "/usr/bin/dir-link", "/opt/gone", "/etc",
            "", "usr/bin", "/sbin", "/usr/share/é", "/usr/share/é/../é", "/lib64", "/bin/..");
    private static final List<String> NAMES = List.of("ls", "sh", "libc.so.6", "missing", "", ".", "..", "日本.txt",
            "x86_64-linux-gnu", "conf", "ld.so", "hard");
    private static final UnionView UNION = FilesystemLoader.load(InMemoryImage.of(
            layer().dir("/usr/bin").dir("/usr/lib/x86_64-linux-gnu").dir("/usr/sbin").dir("/etc")
                    .symlink("/bin", "usr/bin").symlink("/lib", "usr/lib").symlink("/sbin", "usr/sbin")
                    .symlink("/lib64", "usr/lib/x86_64-linux-gnu").symlink("/opt/gone", "/nowhere")
                    .file("/usr/bin/ls", 1000).symlink("/usr/bin/sh", "dash").file("/usr/bin/dash", 300)
                    .symlink("/usr/bin/dir-link", "../lib/x86_64-linux-gnu")
                    .file("/usr/lib/x86_64-linux-gnu/libc.so.6", 2000).file("/usr/lib/x86_64-linux-gnu/ld.so", 50)
                    .file("/etc/conf", 7).file("/usr/share/é/日本.txt", 11).file("/ls", 3).build(),
            layer().file("/usr/bin/ls", 1200).hardlink("/usr/bin/hard", "usr/bin/ls").whiteout("/etc/conf")
                    .build()));

    @Test
    void mergedUsrPathsAreFoundThroughTheirParentsSymlinks() {
        FileOwnership o = new FileOwnership(UNION);
        FileOwnership.Owned owned = o.own(lines("/bin/ls", "/lib/x86_64-linux-gnu/libc.so.6", "/bin/sh", "/etc/conf",
                "/usr/bin/ls", "/lib64/ld.so", "/opt/gone/x"));
        PathTable paths = UNION.paths();
        assertThat(owned.ids()).containsExactly(paths.find("/usr/bin/ls"),
                paths.find("/usr/lib/x86_64-linux-gnu/libc.so.6"), paths.find("/usr/lib/x86_64-linux-gnu/ld.so"));
        assertThat(owned.missing()).as("/etc/conf deleted, /opt/gone dangling").isEqualTo(2);
        assertThat(owned.hiddenBytes()).as("the first /usr/bin/ls, hidden by the second, and the deleted /etc/conf")
                .isEqualTo(1000 + 7);
    }

    @Test
    void aListReadFromADatabaseKeepsItsBytesAndLooksThemUp() throws Exception {
        byte[] list = "/.\n/usr\n/usr/bin\n/usr/bin/ls\r\nusr/bin/dash\n\n".getBytes(StandardCharsets.UTF_8);
        Notes notes = new Notes("test");
        ListedPaths read = DebControl.fileList(new ByteArrayInputStream(list), false, notes);
        assertThat(read.strings()).containsExactly("/usr", "/usr/bin", "/usr/bin/ls", "/usr/bin/dash");
        byte[] sums = "0123  usr/bin/ls\nno-two-spaces\nabcd  /usr/bin/dash\n".getBytes(StandardCharsets.UTF_8);
        ListedPaths md5 = DebControl.fileList(new ByteArrayInputStream(sums), true, notes);
        assertThat(md5.strings()).containsExactly("/usr/bin/ls", "/usr/bin/dash");
        assertThat(notes.list()).containsExactly("test: line 2: not 'HASH  PATH', skipped");
        assertThat(new FileOwnership(UNION).own(read).ids()).containsExactly(UNION.paths().find("/usr/bin/ls"),
                UNION.paths().find("/usr/bin/dash"));
    }

    @Property(tries = 400)
    void byteLookupsAgreeWithTheStringDefinition(@ForAll("lists") List<List<String>> packages) {
        FileOwnership o = new FileOwnership(UNION); // one for all the lists: the remembered parent spans calls
        for (List<String> listed : packages) {
            FileOwnership.Owned owned = o.own(ListedPaths.of(listed));
            List<Integer> ids = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            int missing = 0;
            for (String p : listed) {
                int id = definition(p);
                if (id <= 0) {
                    missing++;
                } else if (seen.add(id) && isFile(id)) {
                    ids.add(id);
                }
            }
            assertThat(owned.ids()).as(listed.toString()).containsExactly(ids.stream().mapToInt(Integer::intValue).toArray());
            assertThat(owned.missing()).as(listed.toString()).isEqualTo(missing);
        }
    }

    @Provide
    Arbitrary<List<List<String>>> lists() {
        Arbitrary<String> path = Arbitraries.integers().between(0, PARENTS.size() * NAMES.size() - 1)
                .map(i -> PARENTS.get(i / NAMES.size()) + "/" + NAMES.get(i % NAMES.size()))
                .map(p -> p.startsWith("/") || p.length() % 3 != 0 ? p : p.substring(1)); // some relative
        // runs of one parent, as lists are written, and jumps between parents
        Arbitrary<List<String>> run = Arbitraries.integers().between(0, PARENTS.size() - 1)
                .flatMap(d -> Arbitraries.of(NAMES).list().ofMaxSize(4)
                        .map(ns -> ns.stream().map(n -> PARENTS.get(d) + "/" + n).toList()));
        return Arbitraries.oneOf(path.list().ofMaxSize(12), run.list().ofMaxSize(6)
                .map(rs -> rs.stream().flatMap(List::stream).toList())).list().ofMaxSize(5);
    }

    /** The id of a listed path in the final filesystem as the lookup by strings defined it; -1 when absent. */
    private static int definition(String p) {
        PathTable paths = UNION.paths();
        int direct = paths.find(p);
        if (direct > 0 && UNION.exists(direct)) {
            return direct;
        }
        int slash = p.lastIndexOf('/');
        if (slash <= 0) {
            return -1;
        }
        String parent = p.substring(0, slash);
        String resolved = UNION.resolve(parent).orElse("");
        int dir = resolved.isEmpty() || resolved.equals(parent) ? -1 : paths.find(resolved);
        if (dir < 0) {
            return -1;
        }
        String name = p.substring(slash + 1);
        int id = name.isEmpty() || name.equals(".") || name.equals("..")
                ? paths.find((resolved.equals("/") ? "" : resolved) + p.substring(slash))
                : paths.child(dir, name);
        return id > 0 && UNION.exists(id) ? id : -1;
    }

    private static boolean isFile(int id) {
        int layer = UNION.providerLayer(id);
        EntryType t = layer < 0 ? EntryType.DIR : UNION.layers().get(layer).type(UNION.providerRow(id));
        return t == EntryType.FILE || t == EntryType.HARDLINK;
    }

    private static ListedPaths lines(String... paths) {
        return ListedPaths.of(List.of(paths));
    }
}
