package dev.whittle.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The status records a copy of {@code var/lib/dpkg/status} shares with an earlier copy are recognised by their bytes
 * ({@link DebControl.Reused}): a second read of the same or a similar file finds the same packages and the same notes
 * as a first read, whatever the records hold (white-space-only lines inside a description, CRLF, fields named out of
 * ASCII, notes, records too large to keep); and a gathered record parses as it would streaming, line by line.
 */
class StatusReuseTest {
    private static final String BASH = "Package: bash\nStatus: install ok installed\nPriority: required\n"
            + "Architecture: amd64\nVersion: 5.2.15-2+b2\nDepends: libc6 (>= 2.36)\nDescription: GNU shell\n"
            + " the long description\n \n .\n more of it\nHomepage: https://www.gnu.org/software/bash/\n";

    private record Read(List<FoundPackage> packages, List<String> notes) {
    }

    private static Read read(String text, DebControl.Reused reused) throws IOException {
        Notes notes = new Notes("status");
        List<FoundPackage> found = DebControl.status(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "/var/lib/dpkg/status", notes, reused);
        return new Read(found, notes.list());
    }

    /** A first read with nothing to reuse, then a second read of the same text reusing the first's records. */
    private static Read sameTwice(String text) throws IOException {
        DebControl.Reused reused = new DebControl.Reused();
        Read first = read(text, reused);
        Read again = read(text, reused);
        assertThat(again).as(text).isEqualTo(first);
        assertThat(read(text, new DebControl.Reused())).isEqualTo(first);
        return first;
    }

    @Test
    void aWhiteSpaceOnlyLineInsideADescriptionContinuesIt_butAfterAKeptFieldEndsTheRecord() throws IOException {
        Read r = sameTwice(BASH + "\n" + BASH.replace("bash", "dash"));
        assertThat(r.packages()).extracting(FoundPackage::name).containsExactly("bash", "dash");
        assertThat(r.notes()).isEmpty();
        // after Depends (a kept field), a line of spaces is a blank line: the record ends there
        Read split = sameTwice("Package: a\nVersion: 1\nDepends: b\n  \nPackage: b\nVersion: 2\n");
        assertThat(split.packages()).extracting(FoundPackage::name).containsExactly("a", "b");
    }

    @Test
    void notesKeepTheirLineNumbersWhenTheRecordsBeforeThemAreReused() throws IOException {
        String text = BASH + "\n" + "Package: odd\nnot a field line\nVersion: 1\n\n \tstray continuation\n\n"
                + "Package: nover\nStatus: install ok installed\n\n";
        Read r = sameTwice(text);
        assertThat(r.packages()).extracting(FoundPackage::name).containsExactly("bash", "odd");
        assertThat(r.notes()).containsExactly("status: line 15: not a 'Field: value' line, skipped",
                "status: line 18: a continuation line outside any field, skipped",
                "status: record at line 20 has no Version field, skipped");
    }

    @Test
    void crlfLinesMixedCaseAndNonAsciiFieldNamesParseAlikeEitherWay() throws IOException {
        String text = "PACKAGE: a\r\nversion : 1\r\nArchitecture: all\r\n\r\n"
                + "Package: b\nVersion: 2\nDescr\u00efption: skipped\n continued\n\n"
                + "\u2003Package: c\nVersion: 3\n\n"
                + "Package: d\nVersion: 4\n\u3000\nPackage: e\nVersion: 5\n";
        Read r = sameTwice(text);
        assertThat(r.packages()).extracting(FoundPackage::name).containsExactly("a", "b", "c", "d", "e");
        assertThat(r.packages().get(0).arch()).isEqualTo("all");
    }

    @Test
    void aChangedRecordIsParsedAgain_andEqualRecordsElsewhereAreReused() throws IOException {
        DebControl.Reused reused = new DebControl.Reused();
        Read first = read(BASH + "\n" + BASH.replace("bash", "zsh"), reused);
        Read upgraded = read(BASH.replace("5.2.15-2+b2", "5.2.21-1") + "\n" + BASH.replace("bash", "zsh"), reused);
        assertThat(upgraded.packages().get(0).version()).isEqualTo("5.2.21-1");
        assertThat(upgraded.packages().get(1)).isSameAs(first.packages().get(1));
        // a record read under another path is another package's record
        Notes notes = new Notes("status.d");
        List<FoundPackage> elsewhere = DebControl.status(new ByteArrayInputStream(BASH.getBytes(
                StandardCharsets.UTF_8)), "/var/lib/dpkg/status.d/bash", notes, reused);
        assertThat(elsewhere.get(0).location()).isEqualTo("/var/lib/dpkg/status.d/bash");
    }

    @Test
    void aRecordTooLargeToKeepIsParsedAsItStreams() throws IOException {
        String big = "Package: big\nVersion: 1\nDepends: " + "x, ".repeat(15_000) + "y\n" + "Provides: p\n"
                + " " + "z".repeat(70_000) + "\n\n" + BASH;
        Read r = sameTwice(big);
        assertThat(r.packages()).extracting(FoundPackage::name).containsExactly("big", "bash");
        assertThat(r.packages().get(0).depends()).hasSize(15_001);
        assertThat(r.notes()).containsExactly("status: 1 lines longer than 65536 bytes were cut");
    }

    private static Read streamed(String text) throws IOException {
        Notes notes = new Notes("status");
        List<FoundPackage> found = DebControl.status(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "/var/lib/dpkg/status", notes, new DebControl.Reused(), 0);
        return new Read(found, notes.list());
    }

    /**
     * Records gathered and parsed only when new (and reused when met again) give what parsing every line as it streams
     * gives: the packages, their fields and the notes with their line numbers, on files of odd lines of every kind.
     */
    @Property(tries = 600)
    void gatheredRecordsParseAsStreamedOnes(@ForAll("statusFiles") String text, @ForAll("statusFiles") String other)
            throws IOException {
        Read definition = streamed(text);
        assertThat(sameTwice(text)).isEqualTo(definition);
        DebControl.Reused reused = new DebControl.Reused();
        read(other, reused);
        read(text + "\n" + other, reused);
        assertThat(read(text, reused)).isEqualTo(definition);
    }

    @Provide
    Arbitrary<String> statusFiles() {
        Arbitrary<String> line = Arbitraries.of("Package: a", "Package: b", "package : c", "Package: a\r",
                "Version: 1", "Version: 2", "VERSION: 1", "Version:", "Status: install ok installed",
                "Status: deinstall ok config-files", "Depends: b (>= 1), c | d", "Pre-Depends: e", "Provides: f",
                "Installed-Size: 12", "Installed-Size: many", "Architecture: all", "Essential: yes",
                "Description: a tool", " its long description", " .", "  ", "\t", " ", "\t continued",
                "Conffiles:", " /etc/a 0123", "Homepage: https://example.invalid", "not a field line", ":no name",
                "Descr\u00efption: odd", "\u2003Package: g", "\u3000", "", "", "", "Package: a\u00e9");
        return line.list().ofMaxSize(40).map(lines -> String.join("\n", lines));
    }
}
