package dev.whittle.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.UsageException;
import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void basenamePatternsMatchAnywhere() {
        Glob g = Glob.compile("*.log");
        assertThat(g.matches("/a.log")).isTrue();
        assertThat(g.matches("/var/log/x/y.log")).isTrue();
        assertThat(g.matches("/var/log.d/x")).isFalse();
        assertThat(Glob.compile("?.txt").matches("/d/a.txt")).isTrue();
        assertThat(Glob.compile("?.txt").matches("/d/ab.txt")).isFalse();
        assertThat(Glob.compile("[abc].js").matches("/b.js")).isTrue();
        assertThat(Glob.compile("[!abc].js").matches("/b.js")).isFalse();
        assertThat(Glob.compile("[a-c]x").matches("/q/bx")).isTrue();
    }

    @Test
    void doubleStarCrossesDirectories() {
        Glob g = Glob.compile("**/*.test.js");
        assertThat(g.matches("/a.test.js")).isTrue();
        assertThat(g.matches("/app/node_modules/x/a.test.js")).isTrue();
        assertThat(g.matches("/app/a.test.jsx")).isFalse();
        assertThat(Glob.compile("/usr/**/doc").matches("/usr/doc")).isTrue();
        assertThat(Glob.compile("/usr/**/doc").matches("/usr/share/x/doc")).isTrue();
        assertThat(Glob.compile("/usr/**").matches("/usr/a/b")).isTrue();
    }

    @Test
    void slashesAnchorAtTheRoot() {
        assertThat(Glob.compile("/root/.npm").matches("/root/.npm")).isTrue();
        assertThat(Glob.compile("/root/.npm").matches("/home/root/.npm")).isFalse();
        assertThat(Glob.compile("root/.npm/").matches("/root/.npm")).isTrue();
        assertThat(Glob.compile("/var/*/x").matches("/var/a/b/x")).isFalse();
        assertThat(Glob.compile("a+b(c).txt").matches("/a+b(c).txt")).isTrue();
    }

    @Test
    void manyDoubleStarsStayPolynomialOnDeepPaths() {
        String deep = "/a".repeat(2_000) + "/y";
        Glob g = Glob.compile("**/**/**/**/**/**/**/**/x");
        // a hang detector, not a performance target: the backtracking regex never returned here
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            assertThat(g.matches(deep)).isFalse();
            assertThat(g.matches(deep.replace("/y", "/x"))).isTrue();
            assertThat(Glob.compile("*a*a*a*a*a*a*a*a*b").matches("/" + "a".repeat(3_000))).isFalse();
        });
        assertThat(Glob.compile("/a**b").matches("/a/c/b")).isTrue();
        assertThat(Glob.compile("/x/**/").matches("/x/y")).isTrue();
    }

    @Test
    void badPatterns() {
        assertThatThrownBy(() -> Glob.compile("")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> Glob.compile("[abc")).isInstanceOf(UsageException.class)
                .hasMessage("unclosed [ in pattern [[abc]");
    }
}
