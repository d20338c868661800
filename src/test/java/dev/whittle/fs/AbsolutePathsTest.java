package dev.whittle.fs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AbsolutePathsTest {

    @Test
    void dotsAndEmptySegmentsGoAndDotDotStopsAtTheRoot() {
        assertThat(AbsolutePaths.normalise("/a//b/./c/../d/")).isEqualTo("/a/b/d");
        assertThat(AbsolutePaths.normalise("/../../etc/passwd")).isEqualTo("/etc/passwd");
        assertThat(AbsolutePaths.normalise("")).isEqualTo("/");
    }

    @Test
    void aRelativeWordResolvesAgainstTheDirectoryAndAnAbsoluteOneAlone() {
        assertThat(AbsolutePaths.resolve("/app", "bin/../server.js")).isEqualTo("/app/server.js");
        assertThat(AbsolutePaths.resolve("/app", "/usr/bin/node")).isEqualTo("/usr/bin/node");
        assertThat(AbsolutePaths.resolve("/", "../x")).isEqualTo("/x");
    }
}
