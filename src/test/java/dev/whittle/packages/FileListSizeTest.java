package dev.whittle.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A dpkg file list read with its file's size ({@link DebControl#fileList(InputStream, long, boolean, Notes)}: read
 * whole and its paths kept where they lie, the lines' array kept unless much of it is unused) reads the same lines and
 * notes as without (the definition, read as it streams), whatever the size said, on chosen and generated lists; and
 * the array a built list keeps holds exactly its lines.
 */
class FileListSizeTest {
    @Test
    void chosenLists() throws IOException {
        String longLine = "/" + "x".repeat(BoundedLines.MAX_LINE + 10);
        for (String text : List.of("", "/.\n", "/.\n/usr\n/usr/bin/ls\n", "/a\r\n/b\r\n", "/no-newline-at-end",
                "\n\n/a\n\n", "/\u00e9t\u00e9/f\n/usr/bin/\u00fc\n", longLine + "\n/after\n",
                "d41d8cd98f00b204e9800998ecf8427e  usr/bin/x\nbroken line\nabc  /abs\n")) {
            for (boolean md5sums : new boolean[] {false, true}) {
                check(text.getBytes(StandardCharsets.UTF_8), md5sums);
            }
        }
    }

    @Property(tries = 2000)
    void sameLinesWhateverTheSize(@ForAll("lists") String text, @ForAll boolean md5sums) throws IOException {
        check(text.getBytes(StandardCharsets.UTF_8), md5sums);
    }

    private static void check(byte[] file, boolean md5sums) throws IOException {
        Notes expectedNotes = new Notes("list");
        ListedPaths expected = DebControl.fileList(new ByteArrayInputStream(file), md5sums, expectedNotes);
        for (long size : new long[] {file.length, 0, 1, file.length / 2, file.length + 1, file.length * 3L + 100}) {
            Notes notes = new Notes("list");
            ListedPaths got = DebControl.fileList(new ByteArrayInputStream(file), size, md5sums, notes);
            assertThat(got).as("size %d of %d", size, file.length).isEqualTo(expected);
            assertThat(got.strings()).isEqualTo(expected.strings());
            assertThat(got.hashCode()).isEqualTo(expected.hashCode());
            assertThat(notes.list()).isEqualTo(expectedNotes.list());
            for (int i = 0; i < got.size(); i++) {
                assertThat(java.util.Arrays.copyOfRange(got.bytes(), got.start(i), got.start(i) + got.length(i)))
                        .isEqualTo(java.util.Arrays.copyOfRange(expected.bytes(), expected.start(i),
                                expected.start(i) + expected.length(i)));
            }
        }
    }

    @Provide
    Arbitrary<String> lists() {
        Arbitrary<String> line = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("/ab.\u00e9 \r").ofMaxLength(30)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("/ab.").ofMaxLength(12)
                        .map(p -> "0123abcd  " + p)),
                // mostly absolute paths, as real lists hold: read where they lie, not by a builder
                net.jqwik.api.Tuple.of(6, Arbitraries.strings().withChars("ab.\u00e9 \r/").ofMaxLength(20)
                        .map(p -> "/" + p)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withChars("ab.").ofMaxLength(12)
                        .map(p -> "0123abcd  /" + p)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("/.")), net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
        return line.list().ofMaxSize(40).map(l -> String.join("\n", l))
                .flatMap(s -> Arbitraries.of("", "\n").map(end -> s + end));
    }
}
