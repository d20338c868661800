package dev.whittle.fs;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.testing.LayerTarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What the indexer offers a capture: every regular file that is no whiteout, once, by its normalised path, the same
 * path as bytes to {@link ContentCapture#mayWant} and as a string to {@link ContentCapture#wants}; and nothing is
 * asked of {@link ContentCapture#wants} where {@link ContentCapture#mayWant} said no.
 */
class CaptureOfferTest {

    /** Records every question; its byte test says yes to names ending in "y". */
    private static final class Recorder implements ContentCapture {
        final List<String> mayWant = new ArrayList<>();
        final List<String> wants = new ArrayList<>();
        final List<String> accepted = new ArrayList<>();

        @Override
        public boolean mayWant(byte[] path, int length, long size) {
            String p = new String(path, 0, length, StandardCharsets.UTF_8);
            mayWant.add(p);
            return p.endsWith("y");
        }

        @Override
        public boolean wants(int layer, String path, long size) {
            wants.add(path);
            return true;
        }

        @Override
        public void accept(int layer, String path, long size, InputStream content) throws IOException {
            accepted.add(path + "=" + content.readAllBytes().length);
        }
    }

    @Property(tries = 300)
    void offersEveryRegularFileByItsNormalisedPath(@ForAll("entries") List<List<String>> entries) throws IOException {
        LayerTarBuilder b = layer();
        List<String> files = new ArrayList<>();
        int i = 0;
        for (List<String> e : entries) {
            String kind = e.get(0);
            String name = e.get(1);
            String normal = normalised(name);
            switch (kind) {
                case "file" -> {
                    b.file(name, ++i);
                    if (!normal.equals("/")) {
                        files.add(normal);
                    }
                }
                case "whiteout" -> b.whiteout(name.replace("//", "/"));
                case "dir" -> b.dir(name);
                default -> b.symlink(name, "target");
            }
        }
        Recorder r = new Recorder();
        try {
            LayerIndexer.index(new ByteArrayInputStream(b.build()), 0, "layer 0", new PathTable(), r);
        } catch (dev.whittle.image.InputException conflicting) {
            return; // e.g. a file below a file: not what this property is about
        }
        assertThat(r.mayWant).isEqualTo(files);
        assertThat(r.wants).isEqualTo(files.stream().filter(p -> p.endsWith("y")).toList());
        assertThat(r.accepted).hasSize(r.wants.size());
    }

    @Provide
    Arbitrary<List<List<String>>> entries() {
        Arbitrary<String> segment = Arbitraries.of("a", "b", "xy", ".", "", "é", "dir", "k.y");
        Arbitrary<String> last = Arbitraries.of("a", "xy", "k.y", "é");
        Arbitrary<String> name = net.jqwik.api.Combinators.combine(segment.list().ofMaxSize(3), last)
                .as((l, end) -> (l.size() % 2 == 1 ? "./" : "") + String.join("/", l) + (l.isEmpty() ? "" : "/") + end);
        Arbitrary<String> kind = Arbitraries.of("file", "file", "file", "whiteout", "dir", "symlink");
        return net.jqwik.api.Combinators.combine(kind, name).as(List::of).list().ofMaxSize(12);
    }

    private static String normalised(String name) {
        List<String> out = new ArrayList<>();
        for (String s : name.split("/")) {
            if (!s.isEmpty() && !s.equals(".")) {
                out.add(s);
            }
        }
        return "/" + String.join("/", out);
    }
}
