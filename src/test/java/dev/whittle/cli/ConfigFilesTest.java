package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code .whittle.yml} is looked for, and what a misspelt section gets. */
class ConfigFilesTest {
    @TempDir
    Path tmp;

    private Path file(String path, String text) throws IOException {
        Path p = tmp.resolve(path);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void walksUpFromTheWorkingDirectoryToTheRepositoryRoot() throws IOException {
        Files.createDirectories(tmp.resolve("repo/.git"));
        Path root = file("repo/.whittle.yml", "lint: {}\n");
        Path work = Files.createDirectories(tmp.resolve("repo/services/api"));
        assertThat(ConfigFiles.find(work, null, tmp.resolve("home"))).isEqualTo(root);

        Path nearer = file("repo/services/.whittle.yaml", "ci: {}\n");
        assertThat(ConfigFiles.find(work, null, tmp.resolve("home"))).as("the nearest wins").isEqualTo(nearer);
    }

    @Test
    void stopsAtTheRepositoryRoot() throws IOException {
        file(".whittle.yml", "lint: {}\n");                 // above the repository: not this project's
        Files.writeString(Files.createDirectories(tmp.resolve("repo")).resolve(".git"), "gitdir: /x\n");  // a worktree
        Path work = Files.createDirectories(tmp.resolve("repo/src"));
        assertThat(ConfigFiles.find(work, null, tmp.resolve("home"))).isNull();
    }

    @Test
    void outsideARepositoryOnlyTheWorkingDirectoryCounts() throws IOException {
        file(".whittle.yml", "lint: {}\n");
        Path work = Files.createDirectories(tmp.resolve("a/b"));
        assertThat(ConfigFiles.find(work, null, tmp.resolve("home"))).isNull();
        assertThat(ConfigFiles.find(tmp, null, tmp.resolve("home"))).isEqualTo(tmp.resolve(".whittle.yml"));
    }

    @Test
    void thenTheUsersConfigUnderXdgConfigHomeOrDotConfig() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path home = tmp.resolve("home");
        Path dotConfig = file("home/.config/whittle/config.yml", "lint: {}\n");
        assertThat(ConfigFiles.find(work, null, home)).isEqualTo(dotConfig);
        assertThat(ConfigFiles.find(work, "", home)).isEqualTo(dotConfig);
        assertThat(ConfigFiles.find(work, "relative/dir", home)).as("a relative XDG_CONFIG_HOME is ignored")
                .isEqualTo(dotConfig);
        Path xdg = file("xdg/whittle/config.yml", "ci: {}\n");
        assertThat(ConfigFiles.find(work, tmp.resolve("xdg").toString(), home)).isEqualTo(xdg);

        Path project = file("work/.whittle.yml", "ci: {}\n");
        assertThat(ConfigFiles.find(work, tmp.resolve("xdg").toString(), home)).as("the project's wins")
                .isEqualTo(project);
    }

    @Test
    void unknownTopLevelKeysAreErrorsWithTheKeyAndLine() {
        assertThatThrownBy(() -> ConfigFiles.checkSections("ci:\n  max-size: 1GB\n\nlnt:\n  ignore: [WH001]\n",
                ".whittle.yml")).isInstanceOf(UsageException.class)
                .hasMessage(".whittle.yml:4: lnt: unknown key (known: ci, lint)");
        ConfigFiles.checkSections("", "x");
        ConfigFiles.checkSections("# only a comment\n", "x");
        ConfigFiles.checkSections("ci: {}\nlint: {}\n", "x");
        assertThatThrownBy(() -> ConfigFiles.checkSections("- a\n", "x")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("x:1: expected sections");
    }

    @Test
    void everyCommandThatReadsTheConfigRefusesAnUnknownKey() throws IOException {
        Path config = file("typo.yml", "lint:\n  ignore: [WH001]\nfail-on: high\n");
        Path dockerfile = file("Dockerfile", "FROM scratch\n");
        for (String[] args : new String[][] {
                {"lint", "--config", config.toString(), dockerfile.toString()},
                {"fix", "--config", config.toString(), dockerfile.toString()},
                {"ci", "--config", config.toString(), tmp.resolve("no.tar").toString()}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(args[0]).isEqualTo(2);
            assertThat(run.err()).as(args[0]).isEqualTo("whittle: " + config + ":3: fail-on: unknown key (known: ci, "
                    + "lint)\n");
        }
        CliRun lint = CliRun.of("lint", "--config", file("lint-typo.yml", "lint:\n  ignore: [WH001]\n  "
                + "failure-treshold: none\n").toString(), dockerfile.toString());
        assertThat(lint.err()).contains("lint-typo.yml:3: lint.failure-treshold: unknown key");
    }
}
