package dev.whittle.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link DatabaseCapture.LayerFile}'s written-out {@code equals} and {@code hashCode} agree with what a record of the
 * same components generates (the definition they replaced), on chosen and generated keys.
 */
class LayerFileKeyTest {
    /** The same components with the record's generated methods. */
    private record Generated(int layer, String path) {
    }

    @Test
    void chosenKeys() {
        List<String> paths = Arrays.asList("/var/lib/dpkg/status", "/var/lib/dpkg/info/libc6:amd64.list", "", "/", null,
                "/app/node_modules/@scope/x/package.json", "/\u00e9t\u00e9/RECORD");
        for (int layer : new int[] {0, 1, 29, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            for (String a : paths) {
                for (String b : paths) {
                    check(layer, a, layer, b);
                    check(layer, a, layer + 1, a);
                }
            }
        }
        assertThat(new DatabaseCapture.LayerFile(1, "/a")).isNotEqualTo("/a").isNotEqualTo(null);
    }

    @Property(tries = 3000)
    void agreesWithTheGeneratedMethods(@ForAll("layers") int l1, @ForAll("paths") String p1,
                                       @ForAll("layers") int l2, @ForAll("paths") String p2) {
        check(l1, p1, l2, p2);
        check(l1, p1, l1, new String(p1.toCharArray()));
    }

    private static void check(int l1, String p1, int l2, String p2) {
        DatabaseCapture.LayerFile a = new DatabaseCapture.LayerFile(l1, p1);
        DatabaseCapture.LayerFile b = new DatabaseCapture.LayerFile(l2, p2);
        assertThat(a.hashCode()).as("hash of %s", a).isEqualTo(new Generated(l1, p1).hashCode());
        assertThat(a.equals(b)).as("%s equals %s", a, b).isEqualTo(new Generated(l1, p1).equals(new Generated(l2, p2)));
        assertThat(a).isEqualTo(a);
    }

    @Provide
    Arbitrary<Integer> layers() {
        return Arbitraries.integers().between(-2, 40);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withChars("/ab.\u00e9").ofMaxLength(6);
    }
}
