package dev.whittle.fs;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.testing.LayerTarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link LayerIndexer} reuses the ids of the leading directories an entry shares with the one before it. Paths built
 * from a tiny alphabet (segments of equal length that differ, prefixes of each other, {@code ./} and whiteouts in
 * between) must still each get their own id.
 */
class LayerIndexerPathReuseTest {

    @Provide
    Arbitrary<List<List<String>>> directoryChains() {
        Arbitrary<String> segment = Arbitraries.of("a", "b", "ab", "ba", "aa", "abc");
        return segment.list().ofMinSize(0).ofMaxSize(4).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 300)
    void everyFileKeepsItsOwnPath(@ForAll("directoryChains") List<List<String>> dirs) throws IOException {
        Set<String> files = new LinkedHashSet<>();
        LayerTarBuilder tar = layer();
        List<String> whiteouts = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            String dir = String.join("/", dirs.get(i));
            String file = (dir.isEmpty() ? "" : dir + "/") + "f" + (i % 3) + ".txt";
            if (files.add(file)) {
                tar.file(i % 4 == 0 ? "./" + file : file, i + 1);
            }
            if (i % 5 == 4) {
                String gone = (dir.isEmpty() ? "" : dir + "/") + ".wh.g" + i;
                whiteouts.add("/" + (dir.isEmpty() ? "" : dir + "/") + "g" + i);
                tar.file(gone, 0);
            }
        }
        PathTable paths = new PathTable();
        LayerIndex li = LayerIndexer.index(new ByteArrayInputStream(tar.build()), 0, "layer 0", paths);

        List<String> indexedFiles = new ArrayList<>();
        List<String> indexedWhiteouts = new ArrayList<>();
        for (int r = 0; r < li.size(); r++) {
            if (li.type(r) == EntryType.FILE) {
                indexedFiles.add(li.path(r));
                assertThat(paths.find(li.path(r))).isEqualTo(li.pathId(r));
            } else if (li.type(r) == EntryType.WHITEOUT) {
                indexedWhiteouts.add(li.path(r));
            }
        }
        assertThat(indexedFiles).containsExactlyInAnyOrderElementsOf(files.stream().map(f -> "/" + f).toList());
        assertThat(indexedWhiteouts).containsExactlyInAnyOrderElementsOf(whiteouts);
    }
}
