package dev.whittle.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerIgnoreTest {

    @Test
    void plainNamesMatchAtTheRootAndEverythingBelow() {
        DockerIgnore ignore = DockerIgnore.parse("node_modules\n/.git\n");
        assertThat(ignore.isIgnored("node_modules")).isTrue();
        assertThat(ignore.isIgnored("node_modules/a/b.js")).isTrue();
        assertThat(ignore.isIgnored(".git/HEAD")).isTrue();
        assertThat(ignore.isIgnored("app/node_modules/x")).isFalse();
        assertThat(ignore.isIgnored("src/main.js")).isFalse();
    }

    @Test
    void starStaysInOneDirectoryAndDoubleStarCrossesThem() {
        DockerIgnore ignore = DockerIgnore.parse("*.log\n**/*.tmp\ndocs/**/*.png\na?c\n");
        assertThat(ignore.isIgnored("npm-debug.log")).isTrue();
        assertThat(ignore.isIgnored("logs/app.log")).isFalse(); // unlike .gitignore
        assertThat(ignore.isIgnored("x.tmp")).isTrue();
        assertThat(ignore.isIgnored("a/b/c/x.tmp")).isTrue();
        assertThat(ignore.isIgnored("docs/img.png")).isTrue();
        assertThat(ignore.isIgnored("docs/a/b/img.png")).isTrue();
        assertThat(ignore.isIgnored("src/img.png")).isFalse();
        assertThat(ignore.isIgnored("abc")).isTrue();
        assertThat(ignore.isIgnored("a/c")).isFalse();
    }

    @Test
    void lastMatchWinsAndBangReincludes() {
        DockerIgnore ignore = DockerIgnore.parse("*.md\n!README.md\n# comment\n\n  docs  \n!docs/keep.txt\n");
        assertThat(ignore.isIgnored("CHANGES.md")).isTrue();
        assertThat(ignore.isIgnored("README.md")).isFalse();
        assertThat(ignore.isIgnored("docs/a.txt")).isTrue();
        assertThat(ignore.isIgnored("docs/keep.txt")).isFalse();
        assertThat(ignore.hasReincludes()).isTrue();
        assertThat(ignore.patterns()).containsExactly("*.md", "!README.md", "docs", "!docs/keep.txt");
        assertThat(DockerIgnore.parse("a\n!a\na\n").isIgnored("a")).isTrue();
    }

    @Test
    void cleansPatternsAndPathsLikeGo() {
        DockerIgnore ignore = DockerIgnore.parse("./build/../dist/\n[a-c]x\nfile\\*\n");
        assertThat(ignore.isIgnored("dist/app.js")).isTrue();
        assertThat(ignore.isIgnored("./dist")).isTrue();
        assertThat(ignore.isIgnored("bx")).isTrue();
        assertThat(ignore.isIgnored("dx")).isFalse();
        assertThat(ignore.isIgnored("file*")).isTrue();
        assertThat(ignore.isIgnored("filex")).isFalse();
        assertThat(DockerIgnore.empty().isIgnored("anything")).isFalse();
    }

    @Test
    void locatesTheDockerfileSpecificFileFirst(@TempDir Path dir) throws Exception {
        Path dockerfile = dir.resolve("app.Dockerfile");
        assertThat(DockerIgnore.locate(dockerfile, dir)).isNull();
        Files.writeString(dir.resolve(".dockerignore"), "x\n");
        assertThat(DockerIgnore.locate(dockerfile, dir)).isEqualTo(dir.resolve(".dockerignore"));
        Files.writeString(dir.resolve("app.Dockerfile.dockerignore"), "y\n");
        assertThat(DockerIgnore.locate(dockerfile, dir)).isEqualTo(dir.resolve("app.Dockerfile.dockerignore"));
        assertThat(DockerIgnore.read(DockerIgnore.locate(dockerfile, dir)).isIgnored("y")).isTrue();
    }
}
