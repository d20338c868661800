package dev.whittle.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link PythonMetadata#normalise} returns a path already normal as it is ({@link PythonMetadata#isNormal}): the same
 * as the split-and-join definition it short-cuts, on chosen and generated paths.
 */
class PythonPathNormaliseTest {
    /** The definition: segments split on {@code /}, empty and {@code .} ones dropped, {@code ..} climbing. */
    private static String definition(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(s);
            }
        }
        return "/" + String.join("/", parts);
    }

    @Test
    void chosenPaths() {
        for (String p : List.of("", "/", "//", "/a", "/a/", "a", "a/b", "/a/b/c.py", "/a//b", "/./a", "/a/.",
                "/a/..", "/..", "/../a", "/a/../b", "/.a", "/..a", "/a.", "/a..", "/.../x", "/a/.b/..c/d..",
                "/usr/lib/python3/dist-packages/six.py", "/x/\u00e9t\u00e9/y", "///", "/a/b/", ".", "..")) {
            assertThat(PythonMetadata.normalise(p)).as("[%s]", p).isEqualTo(definition(p));
        }
    }

    @Property(tries = 5000)
    void agreesWithTheDefinition(@ForAll("paths") String p) {
        assertThat(PythonMetadata.normalise(p)).as("[%s]", p).isEqualTo(definition(p));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withChars("/.ab").ofMaxLength(12);
    }
}
