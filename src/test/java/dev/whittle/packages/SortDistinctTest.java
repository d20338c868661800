package dev.whittle.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link Inventories#sortDistinct} (insertion sort for a package's few dependencies) gives what
 * {@code Arrays.sort} then dropping repeats gave (the definition), below and above its insertion bound; and
 * {@link PythonMetadata#normaliseName} with its expression compiled once gives what {@code String.replaceAll} gave.
 */
class SortDistinctTest {
    @Test
    void chosenArrays() {
        for (int[] a : List.of(new int[0], new int[] {1}, new int[] {2, 1}, new int[] {3, 3, 3},
                new int[] {5, 1, 5, 0, 1}, new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, 0, -1})) {
            check(a);
        }
    }

    @Property(tries = 2000)
    void agreesWithTheDefinition(@ForAll("arrays") int[] a) {
        check(a);
    }

    private static void check(int[] a) {
        int[] expected = a.clone();
        Arrays.sort(expected);
        expected = Arrays.stream(expected).distinct().toArray();
        int[] got = Arrays.copyOf(a, a.length + 3); // only the first a.length count
        int n = Inventories.sortDistinct(got, a.length);
        assertThat(Arrays.copyOf(got, n)).as(Arrays.toString(a)).containsExactly(expected);
    }

    @Provide
    Arbitrary<int[]> arrays() {
        return Arbitraries.integers().between(-3, 60).array(int[].class).ofMaxSize(Inventories.INSERTION_SORT * 2);
    }

    @Property(tries = 2000)
    void pypiNamesAsReplaceAllMadeThem(@ForAll("names") String name) {
        assertThat(PythonMetadata.normaliseName(name))
                .isEqualTo(name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-"));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("aZ9-_.\u00c9").ofMaxLength(12);
    }
}
