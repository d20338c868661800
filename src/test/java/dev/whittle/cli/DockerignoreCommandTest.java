package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerignoreCommandTest {

    private static void file(Path root, String rel, int bytes) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[bytes]);
    }

    @Test
    void diffByDefaultWriteOnRequestAndTheBytesOnStderr(@TempDir Path ctx) throws IOException {
        file(ctx, ".git/objects/pack/p.pack", 40_000);
        file(ctx, "node_modules/x/index.js", 2_000);
        file(ctx, "src/a.js", 100);
        file(ctx, "package.json", 50);
        Files.writeString(ctx.resolve("Dockerfile"), "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install\n");
        CliRun diff = CliRun.of("dockerignore", ctx.toString());
        assertThat(diff.exitCode()).isEqualTo(1);
        assertThat(diff.out()).contains("+++ b" + ctx.resolve(".dockerignore") + "\n").contains("+.git\n")
                .contains("+node_modules\n");
        assertThat(diff.err()).contains("removes 42.0 kB (42000 bytes, 2 files) from the build context");
        assertThat(ctx.resolve(".dockerignore")).doesNotExist();

        CliRun write = CliRun.of("dockerignore", ctx.toString(), "--write");
        assertThat(write.exitCode()).isZero();
        assertThat(Files.readString(ctx.resolve(".dockerignore"))).contains(".git\n").contains("node_modules\n");
        CliRun again = CliRun.of("dockerignore", ctx.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).contains("nothing to add");
    }

    @Test
    void dockerfileSpecificIgnoreFileAndErrors(@TempDir Path ctx) throws IOException {
        file(ctx, ".idea/w.xml", 10);
        Path df = ctx.resolve("api.Dockerfile");
        Files.writeString(df, "FROM debian\nCOPY . /srv\n");
        Files.writeString(ctx.resolve("api.Dockerfile.dockerignore"), "*.tmp\n");
        assertThat(CliRun.of("dockerignore", ctx.toString(), "--dockerfile", df.toString(), "--write").exitCode())
                .isZero();
        assertThat(Files.readString(ctx.resolve("api.Dockerfile.dockerignore"))).endsWith(".idea\n\n*.tmp\n");
        assertThat(CliRun.of("dockerignore", ctx.resolve("nope").toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("dockerignore", ctx.toString()).exitCode()).isEqualTo(3);
    }
}
