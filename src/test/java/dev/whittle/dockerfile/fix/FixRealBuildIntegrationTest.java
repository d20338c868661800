package dev.whittle.dockerfile.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.cli.Main;
import dev.whittle.fs.FileEntry;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.Glob;
import dev.whittle.fs.UnionView;
import dev.whittle.image.ImageReference;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.Totals;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.SourceOptions;
import dev.whittle.testing.Buildah;
import dev.whittle.testing.DebianBase;
import dev.whittle.testing.ExternalTool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;

/**
 * The proof on real builds: a small Node/TypeScript service written the guide's BEFORE way (one stage, apt without
 * cleanup, {@code npm install} with dev dependencies, {@code COPY . .} with {@code .git} and {@code node_modules} in
 * the context), built with buildah on a debootstrap Debian base with nodejs and npm from Debian's packages and npm
 * packages from the npm registry. Then {@code whittle fix --write}, {@code whittle fix --multi-stage --write} and
 * {@code whittle dockerignore --write}, each followed by a build: every step must make the image smaller (measured
 * with Whittle's own measurer), and the last image must still start the service and answer a request.
 *
 * <p>Build plumbing that leaves no bytes in any layer: the host's CA store is mounted for npm (the registry is
 * reached through a TLS-intercepting proxy) with {@code /etc/npmrc} naming it; apt's downloaded {@code .deb}s come
 * from a host cache directory ({@code /var/tmp/whittle-it/apt-archives}, kept between runs) so reruns do not
 * download them again; dpkg runs with {@code force-unsafe-io}. Those mounts leave empty mount points (0 bytes) in
 * the layers of every step alike. Each stage is committed as one layer (see {@link Buildah#bud}), so the lists the
 * BEFORE file deletes in a later RUN hide no bytes. Its apt RUNs are the case where a join could put the lists'
 * cleanup between two updates: the fixed file must clean after the last one, build, and ship no lists.
 * Skips without root, buildah or debootstrap.
 */
@Tag("integration")
class FixRealBuildIntegrationTest {

    private static final String BEFORE = """
            FROM localhost/whittle-it-base:bookworm
            RUN apt-get update
            RUN apt-get install -y nodejs
            RUN rm -rf /var/lib/apt/lists/*
            RUN apt-get update && apt-get install -y npm
            WORKDIR /app
            COPY package.json ./
            RUN npm install
            COPY . .
            RUN npm run build
            EXPOSE 8080
            CMD ["node", "dist/server.js"]
            """;

    private Buildah buildah;
    private Path context;
    private String[] mounts;
    /** Bytes under /var/lib/apt/lists in the last image built. */
    private long aptListBytes;

    @BeforeEach
    void needsRootBuildahAndDebootstrap() throws IOException {
        DebianBase.assumeAvailable();
        buildah = Buildah.temporary("whittle-fix-it");
    }

    @AfterEach
    void deleteBuildStorage() {
        if (buildah != null) {
            buildah.close();
        }
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void eachStepMakesTheImageSmallerAndTheServiceStillAnswers() throws IOException {
        // apt locks its shared .deb cache: two runs on one machine (two worktrees) take turns
        Files.createDirectories(DebianBase.CACHE);
        try (FileChannel channel = FileChannel.open(DebianBase.CACHE.resolve("fix-it.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            buildAndCompare();
        }
    }

    private void buildAndCompare() throws IOException {
        Path base = DebianBase.ociArchive(buildah);
        buildah.run("pull", "oci-archive:" + base).requireSuccess("buildah pull base");
        String id = buildah.run("images", "-q", "--no-trunc").stdout().strip().split("\\s+")[0];
        buildah.run("tag", id, "localhost/whittle-it-base:bookworm").requireSuccess("buildah tag");
        mounts = mounts();
        context = writeContext();
        Path dockerfile = context.resolve("Dockerfile");

        long before = build("before");

        cli("fix", "--write", "--no-backup", dockerfile.toString());
        String fixedText = Files.readString(dockerfile);
        assertThat(fixedText).contains("--no-install-recommends")
                .contains("rm -rf /var/lib/apt/lists/*").contains("npm cache clean --force");
        assertThat(fixedText.lastIndexOf("rm -rf /var/lib/apt/lists/*")).as(fixedText)
                .isGreaterThan(fixedText.lastIndexOf("apt-get install"))
                .isGreaterThan(fixedText.lastIndexOf("apt-get update"));
        long fixed = build("fixed");
        assertThat(aptListBytes).as("apt lists shipped by the fixed image").isZero();

        cli("fix", "--multi-stage", "--write", "--no-backup", dockerfile.toString());
        assertThat(Files.readString(dockerfile)).contains("AS build").contains("npm prune --omit=dev")
                .contains("COPY --from=build /app/dist ./dist");
        long split = build("split");

        cli("dockerignore", context.toString(), "--write");
        assertThat(Files.readString(context.resolve(".dockerignore"))).contains(".git\n").contains("node_modules\n");
        long ignored = build("ignored");

        System.out.printf("real-build sizes (content bytes): before %d, fix %d, multi-stage %d, dockerignore %d%n",
                before, fixed, split, ignored);
        assertThat(before - fixed).as("fix saves").isGreaterThan(20_000_000L);
        assertThat(fixed - split).as("multi-stage saves").isGreaterThan(20_000_000L);
        assertThat(split - ignored).as("dockerignore saves").isGreaterThan(4_000_000L);
        assertThat(answer("whittle-it-ignored")).contains("whittle-it ok");
    }

    /** Builds the context as {@code whittle-it-NAME} and returns its content bytes, read by Whittle's measurer. */
    private long build(String name) throws IOException {
        String tag = "whittle-it-" + name;
        buildah.bud(context, context.resolve("Dockerfile"), tag, mounts).requireSuccess("build " + name);
        Path archive = buildah.pushOciArchive(tag, buildah.work().resolve(name + ".oci.tar"));
        try (Image image = ImageSources.open(ImageReference.parse("oci-archive:" + archive),
                SourceOptions.defaults())) {
            UnionView union = FilesystemLoader.load(image);
            aptListBytes = union.find(List.of(Glob.compile("/var/lib/apt/lists"))).stream()
                    .mapToLong(FileEntry::totalBytes).sum();
            Totals totals = ImageMeasurer.measure(image, union).totals();
            return totals.contentBytes();
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    /** Starts the service in the image and fetches one page from it, in one chroot-isolated run. */
    private String answer(String image) {
        String ctr = buildah.run("from", image).requireSuccess("buildah from").stdout().strip();
        int port = 20_000 + new Random().nextInt(20_000);
        String script = "const {spawn} = require('child_process');"
                + "const s = spawn(process.execPath, ['dist/server.js'], {env: {...process.env, PORT: '" + port + "'},"
                + " stdio: 'inherit'});"
                + "const tryFetch = (n) => fetch('http://127.0.0.1:" + port + "/').then(r => r.text())"
                + ".then(t => { console.log(t); s.kill(); })"
                + ".catch(e => n > 0 ? setTimeout(() => tryFetch(n - 1), 250) : (console.log('no answer ' + e), "
                + "s.kill(), process.exit(1)));"
                + "tryFetch(40);";
        return buildah.run("run", "--isolation", "chroot", "--workingdir", "/app", ctr, "--", "node", "-e", script)
                .requireSuccess("running the service").stdout();
    }

    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as("whittle %s: %s", String.join(" ", args), err).isZero();
        System.out.print(err);
    }

    /** The build-only mounts: CA store and npmrc for the registry, apt's .deb cache, dpkg's unsafe io. */
    private String[] mounts() throws IOException {
        Path debs = Files.createDirectories(DebianBase.CACHE.resolve("apt-archives"));
        Path npmrc = Files.writeString(buildah.work().resolve("npmrc"), "cafile=/mnt/ca-certificates.crt\n");
        Path dpkg = Files.writeString(buildah.work().resolve("unsafe-io"), "force-unsafe-io\n");
        return new String[] {"--volume", "/etc/ssl/certs:/mnt:ro", "--volume", npmrc + ":/etc/npmrc:ro",
            "--volume", debs + ":/var/cache/apt/archives", "--volume",
            dpkg + ":/etc/dpkg/dpkg.cfg.d/whittle-unsafe-io:ro"};
    }

    /** The service's sources and the clutter a developer's checkout holds. */
    private Path writeContext() throws IOException {
        Path dir = Files.createDirectories(buildah.work().resolve("context"));
        write(dir, "Dockerfile", BEFORE);
        write(dir, "package.json", """
                {
                  "name": "whittle-it-service",
                  "version": "1.0.0",
                  "private": true,
                  "scripts": {"build": "tsc -p ."},
                  "dependencies": {"express": "4.21.2"},
                  "devDependencies": {"typescript": "5.6.3"}
                }
                """);
        write(dir, "tsconfig.json", "{\"compilerOptions\": {\"target\": \"ES2020\", \"module\": \"commonjs\", "
                + "\"outDir\": \"dist\", \"rootDir\": \"src\", \"strict\": false, \"types\": []}}\n");
        write(dir, "src/server.ts", """
                declare const require: any;
                declare const process: any;
                const express = require("express");
                const app = express();
                app.get("/", (_req: any, res: any) => res.send("whittle-it ok"));
                app.listen(Number(process.env.PORT || 8080), "127.0.0.1");
                """);
        Random random = new Random(7);
        write(dir, ".git/HEAD", "ref: refs/heads/main\n");
        writeRandom(dir, ".git/objects/pack/pack-1.pack", 6_000_000, random);
        writeRandom(dir, "node_modules/.cache/ts-build/cache.bin", 6_000_000, random);
        write(dir, "node_modules/left-pad/package.json", "{\"name\": \"left-pad\", \"version\": \"1.3.0\"}\n");
        writeRandom(dir, "logs/dev.log", 1_000_000, random);
        writeRandom(dir, "coverage/lcov.info", 500_000, random);
        return dir;
    }

    private static void write(Path dir, String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static void writeRandom(Path dir, String rel, int bytes, Random random) throws IOException {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, data);
    }
}
