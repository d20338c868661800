package dev.whittle.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {
    @TempDir
    Path dir;

    @Test
    void noFilesMeansDivesDefaults() {
        assertThat(PolicyLoader.load(dir, null, null)).extracting(Policy::source)
                .containsExactly(DiveCiParser.DEFAULTS);
    }

    @Test
    void findsBothFilesInTheWorkingDirectoryWhittleFirst() throws Exception {
        Files.writeString(dir.resolve(".dive-ci"), "rules:\n  lowestEfficiency: 0.5\n");
        Files.writeString(dir.resolve(".whittle.yml"), "ci:\n  max-size: 1GB\n");
        assertThat(PolicyLoader.load(dir, null, null)).extracting(Policy::source)
                .containsExactly(".whittle.yml", ".dive-ci");
    }

    @Test
    void aWhittleFileWithoutCiFallsBackToDiveDefaults() throws Exception {
        Files.writeString(dir.resolve(".whittle.yaml"), "lint:\n  ignore: [DL3008]\n");
        assertThat(PolicyLoader.load(dir, null, null)).extracting(Policy::source)
                .containsExactly(DiveCiParser.DEFAULTS);
    }

    @Test
    void explicitFilesWinAndMustExist() throws Exception {
        Files.writeString(dir.resolve(".whittle.yml"), "ci:\n  max-size: 1GB\n");
        Path other = dir.resolve("gate.yml");
        Files.writeString(other, "ci:\n  max-layers: 3\n");
        assertThat(PolicyLoader.load(dir, other, null).get(0).source()).isEqualTo("gate.yml");
        assertThatThrownBy(() -> PolicyLoader.load(dir, null, dir.resolve("missing")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--dive-ci").hasMessageEndingWith(
                        "missing: no such file");
    }
}
