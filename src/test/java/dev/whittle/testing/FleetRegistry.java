package dev.whittle.testing;

import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.source.registry.LocalRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fleet in a real registry for the fleet tests: {@code docker-registry} on loopback behind a {@link CountingProxy},
 * holding 54 images under 64 tags pushed with skopeo, built here on three bases the way real fleets share them:
 *
 * <ul>
 *   <li>{@code debian} (two versions, 12.1 and 12.2, so some images carry a stale base), {@code alpine}, and
 *       {@code node} (debian 12.2 plus a runtime layer);</li>
 *   <li>12 repositories of 4 versions each ({@code 1.0} to {@code 1.3}) plus {@code latest} pointing at {@code 1.3}'s
 *       manifest; versions of one repository share a dependencies layer, and some images leave package lists or an
 *       npm cache behind, so findings have bytes;</li>
 *   <li>{@code multi/app}: two tags, each a two-platform index (linux/amd64 on alpine, linux/arm64 on an arm64
 *       alpine);</li>
 *   <li>{@code private/secrets}: two tags that need credentials ({@link #USER} / {@link #PASSWORD}); every other
 *       repository is pulled anonymously through the proxy.</li>
 * </ul>
 *
 * Layers are a few kilobytes, so building and pushing takes seconds. Start it once per test class.
 */
public final class FleetRegistry implements AutoCloseable {
    public static final String USER = "fleet";
    public static final String PASSWORD = "fleet-secret";
    public static final String PRIVATE = "private/secrets";
    private static final String CMD_BASH = "/bin/sh -c #(nop)  CMD [\"bash\"]";
    private static final String CMD_SH = "/bin/sh -c #(nop)  CMD [\"/bin/sh\"]";
    public static final String[] REPOSITORIES = {"team-a/api", "team-a/web", "team-b/worker", "team-b/cron", "tools/cli",
            "tools/lint", "shop/cart", "shop/checkout", "shop/search", "data/etl", "data/report", "edge/proxy"};

    /**
     * One pushed image, as the fixture knows it (independently of anything Whittle computes).
     *
     * @param repository the repository
     * @param tag        the tag that names it (or the index that lists it)
     * @param platform   {@code os/arch}
     * @param manifest   the manifest's digest
     * @param image      the image itself
     */
    public record Pushed(String repository, String tag, String platform, Digest manifest, TestImage image) {
    }

    private final LocalRegistry registry;
    private final CountingProxy proxy;
    private final Path storage;
    private final List<Pushed> images;
    private final Map<String, List<String>> tags;

    private FleetRegistry(LocalRegistry registry, CountingProxy proxy, Path storage, List<Pushed> images,
                          Map<String, List<String>> tags) {
        this.registry = registry;
        this.proxy = proxy;
        this.storage = storage;
        this.images = List.copyOf(images);
        this.tags = tags;
    }

    /** True when the registry and skopeo are installed (tests assume it). */
    public static boolean available() {
        return LocalRegistry.available() && ExternalTool.installed("skopeo") && ExternalTool.installed("htpasswd");
    }

    /** Builds the fleet, starts the registry and the proxy in {@code dir}, and pushes every image. */
    public static FleetRegistry start(Path dir) {
        try {
            Files.createDirectories(dir);
            LocalRegistry registry = LocalRegistry.start(dir, USER, PASSWORD);
            CountingProxy proxy = CountingProxy.start(registry.host(), USER, PASSWORD, List.of(PRIVATE));
            Fleet fleet = build();
            Path layout = dir.resolve("layout");
            fleet.writer.writeDirectory(layout);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> pushes = new ArrayList<>();
                for (Map.Entry<String, String> push : fleet.pushes.entrySet()) {
                    String source = "oci:" + layout + ":" + push.getKey();
                    pushes.add(pool.submit(() -> pushWithRetry(registry, source, push.getValue())));
                }
                for (Future<?> f : pushes) {
                    f.get();
                }
            } catch (Exception e) {
                proxy.close();
                registry.close();
                throw new IllegalStateException("pushing the fleet failed", e);
            } finally {
                pool.shutdownNow();
            }
            return new FleetRegistry(registry, proxy, dir.resolve("storage"), fleet.images, fleet.tags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pushes with skopeo, trying again twice: docker-registry 2.8 sometimes answers 500 when two pushes check the same
     * blob at once (the base layers every repository shares).
     */
    private static void pushWithRetry(LocalRegistry registry, String source, String repoTag) {
        for (int attempt = 1; ; attempt++) {
            try {
                registry.push(source, repoTag, "--all", "--dest-creds=" + USER + ":" + PASSWORD);
                return;
            } catch (AssertionError e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** The registry as clients name it: the proxy, {@code 127.0.0.1:PORT}. */
    public String host() {
        return proxy.host();
    }

    /** Every image pushed (an index's platforms one by one). */
    public List<Pushed> images() {
        return images;
    }

    /** Every tag per repository, as pushed. */
    public Map<String, List<String>> tags() {
        return tags;
    }

    /** Layer blob GETs the registry answered, per digest. */
    public Map<String, Integer> blobGets() {
        return proxy.blobGets();
    }

    /** Holds every blob answer back by {@code millis}; 0 for none. */
    public void delayBlobs(long millis) {
        proxy.delayBlobs(millis);
    }

    /** Forgets the blob GET counts. */
    public void resetCounts() {
        proxy.resetCounts();
    }

    /** A blob's bytes straight from the registry's storage (for independent sums). */
    public byte[] storedBlob(Digest d) {
        try {
            return Files.readAllBytes(storage.resolve("docker/registry/v2/blobs/sha256/" + d.hex().substring(0, 2)
                    + "/" + d.hex() + "/data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        proxy.close();
        registry.close();
    }

    /** What the fixture builds before pushing: the layout, what to push from it, and what it holds. */
    private static final class Fleet {
        final OciLayoutWriter writer = new OciLayoutWriter();
        final Map<String, String> pushes = new LinkedHashMap<>();
        final List<Pushed> images = new ArrayList<>();
        final Map<String, List<String>> tags = new LinkedHashMap<>();
        private int name;

        Descriptor add(String repository, String tag, TestImage image) {
            Descriptor d = writer.addImage(image, LayerCompression.GZIP);
            images.add(new Pushed(repository, tag, image.platform().toString(), d.digest(), image));
            return d;
        }

        void push(Descriptor d, String repository, String tag) {
            String local = "n" + name++;
            writer.tag(d, local);
            pushes.put(local, repository + ":" + tag);
            tags.computeIfAbsent(repository, k -> new ArrayList<>()).add(tag);
        }
    }

    private static Fleet build() {
        byte[] debian121 = rootfs("debian", "12.1", 24_000);
        byte[] debian122 = rootfs("debian", "12.2", 24_000);
        byte[] alpine = rootfs("alpine", "3.19", 6_000);
        byte[] alpineArm = rootfs("alpine-arm64", "3.19", 6_000);
        byte[] node = LayerTarBuilder.layer().dir("usr/local/bin").file("usr/local/bin/node", 30_000)
                .file("usr/local/lib/node_modules/npm/package.json", "{\"name\":\"npm\",\"version\":\"10.2.0\"}")
                .build();
        Fleet fleet = new Fleet();
        for (int r = 0; r < REPOSITORIES.length; r++) {
            String repo = REPOSITORIES[r];
            int base = r % 4; // 0: debian 12.1, 1: debian 12.2, 2: alpine, 3: node
            byte[] deps = LayerTarBuilder.layer().dir("app").dir("app/lib")
                    .file("app/lib/" + repo.replace('/', '-') + "-deps.so", 8_000 + r * 500).build();
            Descriptor last = null;
            for (int v = 0; v < 4; v++) {
                String version = "1." + v;
                TestImage.Builder b = TestImage.builder().created("2024-0" + (v + 1) + "-01T00:00:00Z");
                // each base ends with its CMD, as published bases do: that is how a base's layers are told apart
                switch (base) {
                    case 0 -> b.layer(debian121, "ADD debian-12.1-rootfs.tar /").emptyStep(CMD_BASH);
                    case 1 -> b.layer(debian122, "ADD debian-12.2-rootfs.tar /").emptyStep(CMD_BASH);
                    case 2 -> b.layer(alpine, "ADD alpine-3.19-rootfs.tar /").emptyStep(CMD_SH);
                    default -> b.layer(debian122, "ADD debian-12.2-rootfs.tar /").emptyStep(CMD_BASH)
                            .emptyStep("/bin/sh -c #(nop)  ENV NODE_VERSION=20.10.0").env("NODE_VERSION=20.10.0")
                            .layer(node, "COPY /usr/local /usr/local # node 20")
                            .emptyStep("/bin/sh -c #(nop)  CMD [\"node\"]");
                }
                if (base <= 1 && v % 2 == 0) { // apt lists left behind: waste a finding can measure
                    b.layer(LayerTarBuilder.layer().dir("var/lib/apt/lists")
                            .file("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages",
                                    5_000 + v * 100), "RUN apt-get update && apt-get install -y curl");
                }
                b.layer(deps, "COPY lib/ /app/lib/");
                LayerTarBuilder app = LayerTarBuilder.layer().dir("app")
                        .file("app/" + repo.replace('/', '-') + "-" + version + ".bin", 3_000 + v * 700 + r * 13);
                if (base == 3) {
                    app.dir("root/.npm/_cacache").file("root/.npm/_cacache/index-" + version, 2_500);
                }
                b.layer(app, "COPY app-" + version + " /app/");
                if (v == 3) { // the newest version overwrites its deps: waste hidden by a later layer
                    b.layer(LayerTarBuilder.layer().dir("app/lib")
                            .file("app/lib/" + repo.replace('/', '-') + "-deps.so", 1_000), "RUN strip /app/lib/*");
                }
                TestImage image = b.cmd("/app/run").label("org.opencontainers.image.source", repo).build();
                last = fleet.add(repo, version, image);
                fleet.push(last, repo, version);
            }
            fleet.push(last, repo, "latest");
        }
        for (int v = 0; v < 2; v++) {
            String tag = "2." + v;
            TestImage amd = TestImage.builder().platform("linux/amd64").layer(alpine, "ADD alpine-3.19-rootfs.tar /")
                    .emptyStep(CMD_SH)
                    .layer(LayerTarBuilder.layer().file("usr/bin/app", 4_000 + v), "COPY app /usr/bin/app")
                    .cmd("app").build();
            TestImage arm = TestImage.builder().platform("linux/arm64").layer(alpineArm, "ADD alpine-arm64 /")
                    .emptyStep(CMD_SH)
                    .layer(LayerTarBuilder.layer().file("usr/bin/app", 4_100 + v), "COPY app /usr/bin/app")
                    .cmd("app").build();
            Descriptor index = fleet.writer.addIndex(fleet.add("multi/app", tag, amd), fleet.add("multi/app", tag, arm));
            fleet.push(index, "multi/app", tag);
        }
        for (int v = 0; v < 2; v++) {
            TestImage secret = TestImage.builder().layer(debian122, "ADD debian-12.2-rootfs.tar /").emptyStep(CMD_BASH)
                    .layer(LayerTarBuilder.layer().dir("srv").file("srv/vault-" + v + ".db", 5_000), "COPY vault /srv")
                    .build();
            Descriptor d = fleet.add(PRIVATE, "v" + v, secret);
            fleet.push(d, PRIVATE, "v" + v);
        }
        return fleet;
    }

    /** A small base root filesystem: os-release, a shell, a library and a package database. */
    private static byte[] rootfs(String distro, String version, int libBytes) {
        LayerTarBuilder b = LayerTarBuilder.layer().dir("etc").dir("bin").dir("usr").dir("usr/lib")
                .file("etc/os-release", "ID=" + distro.replace("-arm64", "") + "\nVERSION_ID=\"" + version
                        + "\"\nPRETTY_NAME=\"" + distro + " " + version + "\"\n")
                .file("bin/sh", 9_000 + version.hashCode() % 100)
                .file("usr/lib/libc-" + distro + "-" + version + ".so", libBytes);
        if (distro.startsWith("alpine")) {
            b.dir("lib").dir("lib/apk").dir("lib/apk/db")
                    .file("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\n\nP:busybox\nV:1.36.1-r15\n\n");
        } else {
            b.dir("var").dir("var/lib").dir("var/lib/dpkg")
                    .file("var/lib/dpkg/status", "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\n"
                            + "Architecture: amd64\n\nPackage: bash\nStatus: install ok installed\nVersion: 5.2.15-2\n"
                            + "Architecture: amd64\n\n");
        }
        return b.build();
    }
}
