package dev.whittle.testing.demo;

import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.TestImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Writes the bundled demo images, deterministically: {@code demo-before.tar.gz} ({@code demo/payment-api:before},
 * a Node service built the guide's wrong way) and {@code demo-after.tar.gz} ({@code demo/payment-api:after}, the
 * same service done right), both gzip-wrapped classic docker-archives, plus {@code README.md} stating what each
 * plants and how many bytes, and {@code Dockerfile.before}, the Dockerfile whose history the before image records;
 * {@code DemoImagesTest} checks the committed
 * files still match. The entry point is {@link dev.whittle.testing.DemoImages}.
 */
public final class DemoGenerator {
    /**
     * The Dockerfile that built {@code demo-before}: its instructions are the image's history, and it is written as
     * {@code examples/Dockerfile.before} (and into the image, by {@code COPY . .}), so explain matches every layer.
     */
    static final String BEFORE_DOCKERFILE = """
            # The image-size guide's BEFORE (Milestone 2): one stage, full Node base, every dependency, plus the apt
            # and COPY mistakes of Milestones 4 and 6. It built the bundled examples/demo-before.tar.gz:
            #   whittle explain examples/demo-before.tar.gz --dockerfile examples/Dockerfile.before
            # Lint it with: whittle lint examples/Dockerfile.before
            FROM node:20

            # System packages for native modules: their recommends, lists and compilers included
            RUN apt-get update && apt-get install -y curl build-essential
            WORKDIR /app

            # Dependencies: every one of them, dev tools included
            COPY package.json package-lock.json ./
            RUN npm install

            # The whole context (.git, the host's node_modules, logs, tests), then a cleanup one layer too late
            COPY . .
            RUN rm -rf /var/lib/apt/lists/*
            RUN npm run build

            EXPOSE 8080
            CMD ["node", "dist/server.js"]
            """;
    static final String AFTER_DOCKERFILE = """
            FROM node:20 AS builder
            WORKDIR /app
            COPY package.json package-lock.json ./
            RUN npm ci
            COPY . .
            RUN npm run build

            FROM node:20-slim
            WORKDIR /app
            COPY package.json package-lock.json ./
            RUN npm ci --omit=dev && npm cache clean --force
            COPY --from=builder /app/dist ./dist
            EXPOSE 8080
            USER node
            CMD ["node", "dist/server.js"]
            """;
    private static final String BUILDKIT = "buildkit.dockerfile.v0";
    private static final String NODE_RUN = "/bin/sh -c set -ex && curl -fsSLO --compressed"
            + " \"$NODE_DIST/v$NODE_VERSION/node-v$NODE_VERSION-linux-x64.tar.xz\" && tar -xJf"
            + " \"node-v$NODE_VERSION-linux-x64.tar.xz\" -C /usr/local --strip-components=1 --no-same-owner"
            + " && rm \"node-v$NODE_VERSION-linux-x64.tar.xz\"";

    /** One generated image with what the generator knows about it. */
    record Demo(String file, String tag, String summary, String dockerfile, TestImage image, List<String> layerRows,
                DemoLayer.Ledger ledger) {
    }

    private DemoGenerator() {
    }

    /** Writes both archives and README.md into {@code dir}; returns the README text. */
    public static String write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Demo> demos = List.of(before(), after());
        StringBuilder readme = new StringBuilder(README_HEAD);
        for (Demo d : demos) {
            Path archive = dir.resolve(d.file());
            d.image().writeDockerArchiveGzipped(archive, DockerArchiveVariant.CLASSIC);
            // skopeo (1.9, Debian's) cannot read a gzip-wrapped docker-archive: the same image, gzip inside instead.
            Path plain = dir.resolve(plainFile(d.file()));
            d.image().writeDockerArchive(plain, DockerArchiveVariant.KANIKO);
            readme.append(section(d, Files.size(archive), Files.size(plain)));
        }
        Files.writeString(dir.resolve("README.md"), readme, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("Dockerfile.before"), BEFORE_DOCKERFILE, StandardCharsets.UTF_8);
        return readme.toString();
    }

    static Demo before() {
        Steps s = new Steps("demo/payment-api:before");
        nodeBase(s, false);
        s.b.created("2024-01-01T10:00:00Z").comment(BUILDKIT);
        s.layer("RUN /bin/sh -c apt-get update && apt-get install -y curl build-essential # buildkit",
                DemoLayers::aptInstall);
        s.layer("WORKDIR /app", l -> l.dir("app"));
        s.layer("COPY package.json package-lock.json ./ # buildkit", l -> {
            l.file("app/package.json", DemoApp.packageJson());
            l.file("app/package-lock.json", DemoApp.packageLock(DemoPackages.closure(DemoApp.allRoots())));
        });
        s.layer("RUN /bin/sh -c npm install # buildkit", l -> {
            DemoApp.nodeModules(l, DemoPackages.closure(DemoApp.allRoots()), "", Plant.NODE_MODULES_SHADOWED, null);
            DemoApp.npmCache(l, DemoPackages.closure(DemoApp.allRoots()));
        });
        s.layer("COPY . . # buildkit", DemoApp::buildContext);
        s.layer("RUN /bin/sh -c rm -rf /var/lib/apt/lists/* # buildkit", DemoLayers::removeAptLists);
        s.layer("RUN /bin/sh -c npm run build # buildkit", DemoApp::dist);
        s.b.emptyStep("EXPOSE map[8080/tcp:{}]").emptyStep("CMD [\"node\" \"dist/server.js\"]")
                .env("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NODE_VERSION=20.11.0")
                .workingDir("/app").cmd("node", "dist/server.js")
                .label("org.opencontainers.image.title", "payment-api");
        return s.demo("demo-before.tar.gz", "Single stage on the full Node base; apt lists, caches, build tools,"
                + " npm cache, .git, host node_modules with dev dependencies, logs, tests, TypeScript sources and"
                + " a .env all shipped", BEFORE_DOCKERFILE);
    }

    static Demo after() {
        Steps s = new Steps("demo/payment-api:after");
        nodeBase(s, true);
        s.b.created("2024-01-01T11:00:00Z").comment(BUILDKIT);
        s.layer("WORKDIR /app", l -> l.dir("app"));
        s.layer("COPY package.json package-lock.json ./ # buildkit", l -> {
            l.file("app/package.json", DemoApp.packageJson());
            l.file("app/package-lock.json", DemoApp.packageLock(DemoPackages.closure(DemoApp.allRoots())));
        });
        s.layer("RUN /bin/sh -c npm ci --omit=dev && npm cache clean --force # buildkit", l -> DemoApp.nodeModules(l,
                DemoPackages.closure(DemoPackages.APP_DEPENDENCIES.keySet()), "", null, null));
        s.layer("COPY /app/dist ./dist # buildkit", DemoApp::dist);
        s.b.emptyStep("EXPOSE map[8080/tcp:{}]").emptyStep("USER node")
                .emptyStep("CMD [\"node\" \"dist/server.js\"]")
                .env("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NODE_VERSION=20.11.0",
                        "NODE_ENV=production")
                .workingDir("/app").user("node").cmd("node", "dist/server.js")
                .label("org.opencontainers.image.title", "payment-api");
        return s.demo("demo-after.tar.gz", "Multi-stage on the slim Node base; production dependencies and"
                + " dist/ only. `examples/Dockerfile.after` is the guide's own AFTER (`node:20-alpine` with BuildKit"
                + " cache mounts, linted clean); this image stands for its Debian-slim variant below, so"
                + " `explain --dockerfile examples/Dockerfile.after` locates only the steps the two share and says"
                + " how many it matched", AFTER_DOCKERFILE);
    }

    /** The classic-builder history of a node:20 (or node:20-slim) base. */
    private static void nodeBase(Steps s, boolean slim) {
        s.b.created(slim ? "2023-12-19T01:00:00Z" : "2023-12-19T00:00:00Z");
        s.layer("/bin/sh -c #(nop) ADD file:" + DemoContent.hex(slim ? "slim" : "full", 64) + " in / ",
                l -> DemoLayers.debianBase(l, slim));
        s.b.emptyStep("/bin/sh -c #(nop)  CMD [\"bash\"]").emptyStep("/bin/sh -c #(nop)  ENV NODE_VERSION=20.11.0");
        s.layer(NODE_RUN, DemoLayers::node);
        s.b.emptyStep("/bin/sh -c #(nop)  CMD [\"node\"]");
    }

    /** Collects layers with their ledger rows while the image builder records history. */
    private static final class Steps {
        final TestImage.Builder b = TestImage.builder();
        final DemoLayer.Ledger ledger = new DemoLayer.Ledger();
        final List<String> rows = new ArrayList<>();
        final String tag;

        Steps(String tag) {
            this.tag = tag;
            b.repoTag(tag);
        }

        void layer(String createdBy, Consumer<DemoLayer> content) {
            DemoLayer l = new DemoLayer(ledger);
            content.accept(l);
            byte[] tar = l.tar().build();
            b.layer(tar, createdBy);
            rows.add("| " + rows.size() + " | " + l.bytes() + " | " + tar.length + " | `"
                    + createdBy.replace("|", "\\|") + "` |");
        }

        Demo demo(String file, String summary, String dockerfile) {
            return new Demo(file, tag, summary, dockerfile, b.build(), List.copyOf(rows), ledger);
        }
    }

    private static final String README_HEAD = """
            # Demo images

            Generated by `dev.whittle.testing.DemoImages` (test scope) from the test fixture builder;
            `DemoImagesTest` regenerates them and fails if these files drift. Regenerate with:

            ```bash
            mvn -q -B test-compile && java -cp "target/test-classes:target/classes:$(mvn -q -B \\
              dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" dev.whittle.testing.DemoImages examples
            ```

            Both are gzip-compressed classic `docker save` archives. Each also comes as `.tar`: the same image as a
            docker-archive whose layers are gzip-compressed inside an uncompressed tar (go-containerregistry's
            tarball form), for tools that cannot read a gzip-compressed archive, such as skopeo 1.9
            (`skopeo inspect docker-archive:examples/demo-before.tar`). Sizes are exact byte counts of regular-file
            content (tar headers excluded) unless a column says "tar bytes". "Hidden" bytes are files a later layer
            overwrote or deleted: shipped in the image, never visible in the final filesystem.
            """;

    /** The name of the form with gzip layers in a plain tar: {@code demo-before.tar} for {@code demo-before.tar.gz}. */
    public static String plainFile(String gzipped) {
        return gzipped.substring(0, gzipped.length() - ".gz".length());
    }

    private static String section(Demo d, long archiveBytes, long plainBytes) {
        StringBuilder sb = new StringBuilder();
        DemoLayer.Ledger l = d.ledger();
        sb.append("\n## `").append(d.file()).append("` (`").append(d.tag()).append("`)\n\n")
                .append(d.summary()).append(". The Dockerfile it stands for:\n\n```dockerfile\n")
                .append(d.dockerfile()).append("```\n\n")
                .append("- image id (config digest): `").append(d.image().configDigest()).append("`\n")
                .append("- layers: ").append(d.image().layerCount()).append("; regular files: ")
                .append(l.fileEntries()).append("\n")
                .append("- content bytes (all layers): ").append(l.contentBytes()).append(" (")
                .append(mb(l.contentBytes())).append(")\n")
                .append("- visible bytes (final filesystem): ").append(l.visibleBytes()).append("\n")
                .append("- hidden bytes (overwritten or deleted later): ").append(l.hiddenBytes()).append("\n")
                .append("- archive size: ").append(archiveBytes).append(" bytes (").append(mb(archiveBytes))
                .append("); `").append(plainFile(d.file())).append("`: ").append(plainBytes).append(" bytes (")
                .append(mb(plainBytes)).append(")\n\n")
                .append("| layer | content bytes | tar bytes | created by |\n|---:|---:|---:|---|\n");
        d.layerRows().forEach(r -> sb.append(r).append('\n'));
        if (!l.planted().isEmpty()) {
            sb.append("\n| planted | files | bytes | what |\n|---|---:|---:|---|\n");
            l.planted().forEach((p, t) -> sb.append("| ").append(p.name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(t[0]).append(" | ").append(t[1]).append(" | ").append(p.description()).append(" |\n"));
        }
        return sb.toString();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

}
