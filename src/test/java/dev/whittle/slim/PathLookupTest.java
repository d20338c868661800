package dev.whittle.slim;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link PathLookup#isAbsolute}, the header check slim's squash writer makes per entry without a string, against its
 * definition through {@link PathLookup#absolute}: on tar names with leading {@code /} and {@code ./}, trailing
 * slashes, {@code .} and {@code ..} segments, doubled slashes, non-ASCII and long names, and paths that are the
 * name's own absolute path, one a byte off, or another.
 */
class PathLookupTest {

    @Property(tries = 3000)
    void comparesInPlaceAsTheAbsolutePathStringDoes(@ForAll("names") String name, @ForAll("paths") String other,
                                                   @ForAll("edits") int edit) {
        String own = PathLookup.absolute(name);
        String path = edit == 0 || own == null ? other : edit == 1 ? own : near(own, edit);
        int want = own == null ? -1 : own.equals(path) ? 1 : 0;
        assertThat(PathLookup.isAbsolute(name, path)).as(name + " vs " + path).isEqualTo(want);
        Statistics.collect(want == 1 ? "same" : want == 0 ? "different" : "not plain");
        Statistics.coverage(coverage -> {
            coverage.check("same").percentage(p -> p >= 20);
            coverage.check("different").percentage(p -> p >= 20);
            coverage.check("not plain").percentage(p -> p >= 2);
        });
    }

    /** A path close to {@code own}: a character more, less or changed, its slash dropped or doubled. */
    private static String near(String own, int edit) {
        return switch (edit % 6) {
            case 0 -> own + "x";
            case 1 -> own.substring(0, own.length() - 1);
            case 2 -> own.substring(1);
            case 3 -> own + "/";
            case 4 -> "/" + own;
            default -> own.substring(0, own.length() - 1) + (char) (own.charAt(own.length() - 1) + 1);
        };
    }

    @Provide
    Arbitrary<Integer> edits() {
        return Arbitraries.oneOf(Arbitraries.just(1), Arbitraries.just(1), Arbitraries.just(0),
                Arbitraries.integers().between(2, 13));
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abz09._-").ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().withChars("a\u00e9\u65e5\uD83D\uDE00").ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().withChars("abcdefgh").ofMinLength(60).ofMaxLength(120),
                Arbitraries.of(".", "..", "", ".wh.x", "...", ".a"));
        Arbitrary<String> body = segment.list().ofMinSize(1).ofMaxSize(8).map(l -> String.join("/", l));
        Arbitrary<String> lead = Arbitraries.of("", "", "", "/", "./", "././", "//", "/./", ".//");
        Arbitrary<String> tail = Arbitraries.of("", "", "/", "//");
        return Combinators.combine(lead, body, tail).as((a, b, c) -> a + b + c);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("/ab.\u00e9").ofMaxLength(20),
                names().map(n -> "/" + n));
    }
}
