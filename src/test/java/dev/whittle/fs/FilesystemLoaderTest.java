package dev.whittle.fs;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.InputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilesystemLoaderTest {

    @Test
    void loadsLayersInParallelAndReportsProgress() {
        List<byte[]> tars = new ArrayList<>();
        long total = 0;
        for (int l = 0; l < 12; l++) {
            var b = layer();
            for (int f = 0; f < 200; f++) {
                b.file("d" + (f % 7) + "/f" + f, 3000 + l);
            }
            byte[] tar = b.build();
            total += tar.length;
            tars.add(tar);
        }
        List<String> updates = Collections.synchronizedList(new ArrayList<>());
        UnionView u = FilesystemLoader.load(InMemoryImage.of(tars.toArray(byte[][]::new)),
                (bytes, done, all) -> updates.add(bytes + " " + done + "/" + all), 4);
        assertThat(u.layers()).hasSize(12);
        assertThat(u.layers()).extracting(LayerIndex::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(u.visibleBytes()).isEqualTo(200L * 3011);
        assertThat(u.contentBytes()).isEqualTo(200L * (3000 * 12 + 66));
        assertThat(updates).contains(total + " 12/12");
        assertThat(u.layerStats()).extracting(LayerStats::tarBytes)
                .containsExactlyElementsOf(tars.stream().map(t -> (long) t.length).toList());
    }

    /** Largest first, so no big layer starts last while the other cores idle; equal sizes keep layer order. */
    @Test
    void layersAreStartedLargestFirst() {
        byte[] small = layer().file("a", 10).build();
        byte[] mid = layer().file("a", 50_000).build();
        byte[] big = layer().file("a", 200_000).build();
        InMemoryImage image = InMemoryImage.of(small, big, mid, small, big);
        assertThat(FilesystemLoader.largestFirst(image.layers())).containsExactly(1, 4, 2, 0, 3);
        UnionView u = FilesystemLoader.load(image, LoadProgress.NONE, 2);
        assertThat(u.layers()).extracting(LayerIndex::index).containsExactly(0, 1, 2, 3, 4); // results in layer order
    }

    @Test
    void theFirstBrokenLayerDecidesTheError() {
        byte[] good = layer().file("a", 1).build();
        byte[] bad = layer().file("../x", 1).build();
        InMemoryImage image = InMemoryImage.of(good, bad, good);
        assertThatThrownBy(() -> FilesystemLoader.load(image)).isInstanceOf(InputException.class)
                .hasMessageStartingWith("layer 1 (sha256:" + image.layers().get(1).diffId().shortHex()
                        + "): entry \"../x\": path escapes the image root");
    }

    @Test
    void anImageWithoutLayersIsAnError() {
        assertThatThrownBy(() -> FilesystemLoader.load(InMemoryImage.of())).isInstanceOf(InputException.class)
                .hasMessage("test:image: the image has no layers");
    }
}
