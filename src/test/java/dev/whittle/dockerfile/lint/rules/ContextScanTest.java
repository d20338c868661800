package dev.whittle.dockerfile.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextScanTest {

    private static void write(Path root, String rel, int bytes) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[bytes]);
    }

    @Test
    void reportsTheRealFilesAndBytesCopyDotWouldAdd(@TempDir Path ctx) throws Exception {
        write(ctx, "src/index.js", 100);
        write(ctx, "node_modules/left-pad/index.js", 3000);
        write(ctx, "node_modules/left-pad/package.json", 1000);
        write(ctx, ".git/objects/ab/cdef", 5000);
        write(ctx, "npm-debug.log", 70);
        write(ctx, "dist/server.js", 400);
        String text = "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\n";

        List<Finding> found = RuleFixture.findings(new ContextCopy(), LintInput.ofText("Dockerfile", text)
                .withContext(ctx));

        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.line()).isEqualTo(3);
        assertThat(f.message()).contains("node_modules (4.00 kB)").contains(".git (5.00 kB)").contains("logs")
                .contains("add a .dockerignore");
        assertThat(f.details()).anyMatch(d -> d.startsWith("node_modules: 2 files, 4.00 kB"))
                .anyMatch(d -> d.startsWith("build output (dist/): 1 file"))
                .anyMatch(d -> d.startsWith("total the context would send: 6 files"));
    }

    @Test
    void respectsTheIgnoreFileIncludingReincludes(@TempDir Path ctx) throws Exception {
        write(ctx, "node_modules/a/index.js", 3000);
        write(ctx, "node_modules/keep/index.js", 10);
        write(ctx, "app.js", 10);
        Files.writeString(ctx.resolve(".dockerignore"), "node_modules\n!node_modules/keep\n");
        String text = "FROM node:20-alpine\nCOPY . .\n";

        List<Finding> found = RuleFixture.findings(new ContextCopy(), LintInput.ofText("Dockerfile", text)
                .withContext(ctx));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("node_modules (10 B)").contains("exclude them in .dockerignore");
            assertThat(f.details()).anyMatch(d -> d.startsWith("node_modules: 1 file"));
        });
        Files.writeString(ctx.resolve(".dockerignore"), "node_modules\n");
        assertThat(RuleFixture.findings(new ContextCopy(), LintInput.ofText("Dockerfile", text).withContext(ctx)))
                .isEmpty();
    }
}
