package dev.whittle.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.fs.EntryType;
import dev.whittle.fs.FileEntry;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Long paths in text tables are cut in the middle on a terminal, keeping the file name; piped, they stay whole. */
class PathTextTest {
    private static final String LONG = "/app/node_modules/@babel/core/node_modules/semver/bin/very-long-file-name.js";

    @Test
    void aPathIsCutInTheMiddleAndKeepsItsFileName() {
        String cut = PathText.fit(LONG, 40);
        assertThat(cut).hasSize(40).startsWith("/app/node_module").endsWith("\u2026/very-long-file-name.js")
                .contains("\u2026");
        assertThat(PathText.fit(LONG, LONG.length())).isEqualTo(LONG);
        assertThat(PathText.fit("/usr/bin/", 6)).hasSize(6).endsWith("bin/");
        // a file name longer than the room: its end survives, which is what tells files apart
        assertThat(PathText.fit("/x/" + "a".repeat(30) + ".tar.gz", 12)).isEqualTo("\u2026aaaa.tar.gz");
    }

    @Property
    void aCutPathFitsExactlyAndKeepsBothEnds(@ForAll @StringLength(min = 1, max = 120) String path,
                                              @ForAll @IntRange(min = 2, max = 100) int width) {
        Assume.that(path.indexOf('\u2026') < 0);
        String cut = PathText.fit(path, width);
        if (path.length() <= width) {
            assertThat(cut).isEqualTo(path);
        } else {
            assertThat(cut).hasSize(width).contains("\u2026");
            int ellipsis = cut.indexOf('\u2026');
            assertThat(path).startsWith(cut.substring(0, ellipsis)).endsWith(cut.substring(ellipsis + 1));
        }
    }

    @Test
    void findLsAndTheLargestFilesFitTheWidthAndStayWholeWhenPiped() {
        FileEntry e = new FileEntry(LONG, "very-long-file-name.js", 9, EntryType.FILE, 1234, 1234, 0644, 0, 0, 0,
                null, 5, false);
        FindResult found = new FindResult("img", List.of("**/*.js"), List.of(e), 1234);
        String narrow = FileTextRenderer.find(found, 50);
        assertThat(narrow.lines().toList()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(50));
        assertThat(narrow).contains("/very-long-file-name.js\n").contains("/app/node").contains("\u2026");
        assertThat(FileTextRenderer.find(found, 0)).contains(LONG).doesNotContain("\u2026");

        String ls = FileTextRenderer.listing(new FileListing("img", LONG, LONG, 0, List.of(e)), false, 70);
        assertThat(ls.lines().toList()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(70));
        assertThat(ls).contains("/very-long-file-name.js\n");
        assertThat(FileTextRenderer.listing(new FileListing("img", LONG, LONG, 0, List.of(e)), false, 0)).contains(LONG);
    }
}
