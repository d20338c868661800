// Writes Whittle's deterministic benchmark images. No dependencies: run it on a fresh machine with
//   java bench/GenerateImages.java [OUTDIR] [--scale X] [--threads N] [--dry-run]
// OUTDIR defaults to bench/out. At scale 1 it writes (see docs/benchmarks.md):
//   big.tar     docker-archive (manifest.json, <config-hex>.json, uncompressed <diffid-hex>.tar layers),
//               32 layers, ~215,000 regular files, > 2 GB of content, overwrites, whiteouts, a directory
//               whiteout, an opaque whiteout, symlinks and hard links, long paths (ustar prefix and PAX);
//   big-2x.tar  the same tree and file count, every file twice as large;
//   big-oci/    the image of big.tar as an OCI layout with gzip layers (content compresses about 2-3x);
//   million/    an OCI layout with gzip layers holding 1,000,000 small files over 4 layers.
// Output is byte-for-byte deterministic for a given scale, whatever the thread count.

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/** Entry point: parses arguments, plans both images, writes every layer in parallel, then the containers. */
public final class GenerateImages {

    /** Bump when the output changes, so bench/run.sh regenerates stale images. */
    static final String VERSION = "2";

    public static void main(String[] args) throws Exception {
        Path out = Path.of("bench/out");
        double scale = 1.0;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--dry-run" -> dryRun = true;
                case "-h", "--help" -> {
                    System.out.println("usage: java bench/GenerateImages.java [OUTDIR] [--scale X] [--threads N] [--dry-run]");
                    return;
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    out = Path.of(args[i]);
                }
            }
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException("--scale must be > 0");
        }
        long started = System.nanoTime();
        ImagePlan big = ImagePlan.big(scale);
        ImagePlan million = ImagePlan.million(scale);
        System.out.println(big.describe("big"));
        System.out.println(million.describe("million"));
        if (dryRun) {
            return;
        }
        new GenerateImages(out, threads, scale).generate(big, million);
        System.out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private final Path out;
    private final int threads;
    private final double scale;

    GenerateImages(Path out, int threads, double scale) {
        this.out = out;
        this.threads = threads;
        this.scale = scale;
    }

    void generate(ImagePlan big, ImagePlan million) throws Exception {
        Files.createDirectories(out);
        Path stamp = out.resolve("STAMP");
        Files.deleteIfExists(stamp);
        Path work = out.resolve("work");
        for (String name : List.of("work", "big-oci", "million")) {
            deleteTree(out.resolve(name));
        }
        Files.createDirectories(work);
        Path bigBlobs = Files.createDirectories(out.resolve("big-oci/blobs/sha256"));
        Path millionBlobs = Files.createDirectories(out.resolve("million/blobs/sha256"));
        ContentPool pool = new ContentPool(0x5eedc0deL);

        List<LayerJob> bigJobs = new ArrayList<>();
        List<LayerJob> big2xJobs = new ArrayList<>();
        List<LayerJob> millionJobs = new ArrayList<>();
        for (int i = 0; i < big.layers().size(); i++) {
            bigJobs.add(new LayerJob(big.layers().get(i), 1, pool, work.resolve("big-" + i + ".tar"), bigBlobs));
            big2xJobs.add(new LayerJob(big.layers().get(i), 2, pool, work.resolve("big2x-" + i + ".tar"), null));
        }
        for (PlannedLayer layer : million.layers()) {
            millionJobs.add(new LayerJob(layer, 1, pool, null, millionBlobs));
        }
        List<LayerJob> all = new ArrayList<>(bigJobs);
        all.addAll(big2xJobs);
        all.addAll(millionJobs);
        // Largest first keeps the pool busy until the end.
        all.sort(Comparator.comparingLong(LayerJob::estimatedCost).reversed());
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (LayerJob job : all) {
                futures.add(executor.submit(() -> {
                    job.run();
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            executor.shutdown();
        }

        String bigConfig = Json.config(big, bigJobs);
        writeDockerArchive(out.resolve("big.tar"), bigConfig, bigJobs, "whittle-bench/big:latest");
        writeDockerArchive(out.resolve("big-2x.tar"), Json.config(big, big2xJobs), big2xJobs, "whittle-bench/big-2x:latest");
        writeOciLayout(out.resolve("big-oci"), bigConfig, bigJobs);
        writeOciLayout(out.resolve("million"), Json.config(million, millionJobs), millionJobs);
        deleteTree(work);

        StringBuilder summary = new StringBuilder();
        summary.append("generator ").append(VERSION).append(" scale ").append(scale).append('\n');
        summarize(summary, "big.tar", big, bigJobs);
        summarize(summary, "big-2x.tar", big, big2xJobs);
        summarize(summary, "million", million, millionJobs);
        Files.writeString(out.resolve("SUMMARY"), summary.toString());
        System.out.print(summary);
        Files.writeString(stamp, VERSION + " " + scale + "\n");
    }

    private static void summarize(StringBuilder sb, String name, ImagePlan plan, List<LayerJob> jobs) {
        long tar = 0;
        long gz = 0;
        for (LayerJob job : jobs) {
            tar += job.tarSize;
            gz += job.gzSize;
        }
        sb.append(String.format(Locale.ROOT,
                "%-11s layers %d, regular files in final fs %,d, tar entries %,d, content %,d bytes%s%n",
                name, jobs.size(), plan.finalFiles(), jobs.stream().mapToLong(j -> j.entries).sum(), tar,
                gz > 0 ? String.format(Locale.ROOT, ", gzip %,d bytes (%.2fx)", gz, (double) tar / gz) : ""));
    }

    private void writeDockerArchive(Path file, String config, List<LayerJob> jobs, String tag) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            TarWriter tar = new TarWriter(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
            List<String> layerNames = new ArrayList<>();
            for (LayerJob job : jobs) {
                String name = job.diffId + ".tar";
                layerNames.add(name);
                tar.fileHeader(name, 0644, job.tarSize);
                tar.flush();
                try (FileChannel in = FileChannel.open(job.tarFile)) {
                    long pos = 0;
                    while (pos < job.tarSize) {
                        pos += in.transferTo(pos, job.tarSize - pos, channel);
                    }
                }
                tar.pad(job.tarSize);
                Files.delete(job.tarFile);
            }
            String configName = Sha.hex(config) + ".json";
            tar.file(configName, 0644, config.getBytes(StandardCharsets.UTF_8));
            tar.file("manifest.json", 0644, Json.dockerManifest(configName, tag, layerNames).getBytes(StandardCharsets.UTF_8));
            String repo = tag.substring(0, tag.lastIndexOf(':'));
            tar.file("repositories", 0644, ("{\"" + repo + "\":{\"latest\":\"" + jobs.get(jobs.size() - 1).diffId + "\"}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            tar.finish();
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void writeOciLayout(Path dir, String config, List<LayerJob> jobs) throws IOException {
        Path blobs = dir.resolve("blobs/sha256");
        String configHex = Sha.hex(config);
        Files.writeString(blobs.resolve(configHex), config);
        String manifest = Json.ociManifest(configHex, config.getBytes(StandardCharsets.UTF_8).length, jobs);
        String manifestHex = Sha.hex(manifest);
        Files.writeString(blobs.resolve(manifestHex), manifest);
        Files.writeString(dir.resolve("index.json"), Json.ociIndex(manifestHex, manifest.getBytes(StandardCharsets.UTF_8).length));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

/** One entry a layer adds: a file, a symlink, a hard link, a whiteout or an opaque whiteout. */
record PlannedEntry(String path, char type, long size, long seed, String link) {
    static final char FILE = '0';
    static final char HARDLINK = '1';
    static final char SYMLINK = '2';
}

/** The entries of one layer and the instruction said to have made it. */
record PlannedLayer(int index, String createdBy, List<PlannedEntry> entries) {
    long contentBytes() {
        long sum = 0;
        for (PlannedEntry e : entries) {
            sum += e.size();
        }
        return sum;
    }
}

/** Plans an image deterministically: which paths each layer adds, overwrites and deletes. */
final class ImagePlan {
    private static final String[] SYLLABLES = {"lib", "core", "net", "ssl", "xml", "py", "node", "gtk", "dbus", "sys",
            "tool", "kit", "zlib", "curl", "glib", "pcre", "yaml", "json", "http", "util", "test", "data", "io", "fs",
            "crypt", "proto", "buf", "grpc", "log", "time", "uuid", "mime", "font", "png", "jpeg", "z", "x", "re"};
    private static final String[] EXTENSIONS = {".so", ".py", ".pyc", ".js", ".json", ".md", ".h", ".mo", ".gz",
            ".html", ".css", ".png", ".txt", ".class", ".ts", ".map", ".c", ".conf", ".1.gz", ".a"};
    private static final String[] ROOTS = {"usr/lib/x86_64-linux-gnu", "usr/share/doc", "usr/lib/python3/dist-packages",
            "usr/local/lib/node_modules", "app/node_modules", "usr/share/locale", "usr/include", "usr/share/man/man3",
            "opt/app/lib", "srv/static", "usr/share/icons", "usr/lib/jvm/lib"};
    private static final String[] INSTRUCTIONS = {"RUN /bin/sh -c apt-get update && apt-get install -y %s # buildkit",
            "COPY %s /app/ # buildkit", "RUN /bin/sh -c pip install %s # buildkit", "RUN /bin/sh -c npm install %s # buildkit",
            "ADD %s.tar.gz /opt/ # buildkit", "RUN /bin/sh -c make -C /src/%s install # buildkit"};

    private final List<PlannedLayer> layers = new ArrayList<>();
    private final SplittableRandom random;
    // The final filesystem's regular files, for picking overwrite and delete targets (swap-remove list + index).
    private final List<String> live = new ArrayList<>();
    private final Map<String, Integer> liveIndex = new HashMap<>();
    private int nameCounter;

    private ImagePlan(long seed) {
        random = new SplittableRandom(seed);
    }

    List<PlannedLayer> layers() {
        return layers;
    }

    int finalFiles() {
        return live.size();
    }

    String describe(String name) {
        long bytes = 0;
        long entries = 0;
        for (PlannedLayer l : layers) {
            bytes += l.contentBytes();
            entries += l.entries().size();
        }
        return String.format(Locale.ROOT, "plan %-8s %d layers, %,d planned entries, %,d file bytes, %,d regular files in final fs",
                name, layers.size(), entries, bytes, live.size());
    }

    /** 32 layers, ~215,000 files at scale 1, with every union-filesystem case a reader must handle. */
    static ImagePlan big(double scale) {
        ImagePlan plan = new ImagePlan(42);
        int layerCount = 32;
        long totalFiles = Math.max(layerCount, Math.round(215_000 * scale));
        double[] weights = new double[layerCount];
        double sum = 0;
        for (int i = 1; i < layerCount; i++) {
            double r = plan.random.nextDouble();
            weights[i] = 0.15 + r * r * r * 4;
            sum += weights[i];
        }
        long base = totalFiles / 5;
        List<String> cacheDebs = new ArrayList<>();
        String opaqueDir = "var/cache/build";
        String dirWhiteoutTarget = null;
        for (int i = 0; i < layerCount; i++) {
            List<PlannedEntry> entries = new ArrayList<>();
            Set<String> touched = new HashSet<>();
            int files = (int) (i == 0 ? base : Math.round((totalFiles - base) * weights[i] / sum));
            String pkg = plan.word();
            String createdBy = i == 0 ? "/bin/sh -c #(nop) ADD file:" + Sha.hex("base") + " in / "
                    : String.format(Locale.ROOT, INSTRUCTIONS[i % INSTRUCTIONS.length], pkg);
            switch (i) {
                case 0 -> { // merged-usr symlinks and a hard-linked binary, as in Debian base images
                    for (String dir : List.of("bin", "lib", "sbin")) {
                        entries.add(new PlannedEntry(dir, PlannedEntry.SYMLINK, 0, 0, "usr/" + dir));
                    }
                    plan.addFile(entries, touched, "usr/bin/perl", scaled(3_900_000, scale));
                    entries.add(new PlannedEntry("usr/bin/perl5.36.0", PlannedEntry.HARDLINK, 0, 0, "usr/bin/perl"));
                    plan.track("usr/bin/perl5.36.0");
                }
                case 1 -> plan.addFile(entries, touched, "usr/lib/jvm/lib/modules", scaled(128 << 20, scale));
                case 3 -> { // an apt cache that a later layer deletes: waste
                    for (int k = 0; k < Math.max(1, Math.round(40 * scale)); k++) {
                        String deb = "var/cache/apt/archives/" + plan.word() + "_" + k + "_amd64.deb";
                        cacheDebs.add(deb);
                        plan.addFile(entries, touched, deb, scaled(2 << 20, scale) + plan.random.nextInt(4096));
                    }
                }
                case 4 -> {
                    for (String deb : cacheDebs) {
                        plan.whiteout(entries, touched, deb);
                    }
                }
                case 9 -> plan.addFile(entries, touched, "app/models/weights.bin", scaled(96 << 20, scale));
                case 12 -> { // a whole directory deleted by one whiteout
                    if (dirWhiteoutTarget != null) {
                        entries.add(new PlannedEntry(parent(dirWhiteoutTarget) + "/.wh." + baseName(dirWhiteoutTarget),
                                PlannedEntry.FILE, 0, 0, null));
                        plan.forgetUnder(dirWhiteoutTarget + "/");
                    }
                }
                case 20 -> { // an opaque whiteout: everything layer 5 put under var/cache/build is hidden
                    entries.add(new PlannedEntry(opaqueDir + "/.wh..wh..opq", PlannedEntry.FILE, 0, 0, null));
                    plan.forgetUnder(opaqueDir + "/");
                    plan.addPackage(entries, touched, opaqueDir, Math.max(1, Math.round(20 * scale)));
                }
                case 26 -> { // chmod +x of a big file: the whole file again
                    if (plan.liveIndex.containsKey("usr/lib/jvm/lib/modules")) {
                        plan.addFile(entries, touched, "usr/lib/jvm/lib/modules", scaled(128 << 20, scale));
                    }
                }
                default -> { }
            }
            if (i > 0) {
                // Overwrites and deletions of files earlier layers added, after this layer's special cases, before its new files.
                plan.overwrite(entries, touched, Math.max(files / 25, 1));
                plan.delete(entries, touched, Math.max(files / 50, 1));
            }
            if (i == 5) {
                plan.addPackage(entries, touched, opaqueDir, files);
            } else {
                int added = 0;
                while (added < files) {
                    int n = (int) Math.min(files - added, 1 + Math.round(-Math.log(1 - plan.random.nextDouble()) * 60));
                    String root = ROOTS[plan.random.nextInt(ROOTS.length)];
                    String dir = plan.packageDir(root);
                    if (i == 2 && dirWhiteoutTarget == null && n > 10) {
                        dirWhiteoutTarget = dir;
                    }
                    plan.addPackage(entries, touched, dir, n);
                    added += n;
                }
            }
            plan.layers.add(new PlannedLayer(i, createdBy, entries));
        }
        return plan;
    }

    /** 4 layers of small files adding 1,000,000 files at scale 1, with a few overwrites in the later layers. */
    static ImagePlan million(double scale) {
        ImagePlan plan = new ImagePlan(7);
        long total = Math.max(4, Math.round(1_000_000 * scale));
        long[] perLayer = {total * 4 / 10, total * 3 / 10, total * 2 / 10, 0};
        perLayer[3] = total - perLayer[0] - perLayer[1] - perLayer[2];
        for (int i = 0; i < perLayer.length; i++) {
            List<PlannedEntry> entries = new ArrayList<>();
            Set<String> touched = new HashSet<>();
            if (i >= 2) {
                plan.overwrite(entries, touched, Math.max(1, perLayer[i] / 200));
            }
            long added = 0;
            while (added < perLayer[i]) {
                int n = (int) Math.min(perLayer[i] - added, 20 + plan.random.nextInt(160));
                String dir = plan.packageDir(ROOTS[plan.random.nextInt(ROOTS.length)]);
                for (int k = 0; k < n; k++) {
                    long size = plan.random.nextInt(10) < 7 ? logUniform(plan.random, 16, 512) : logUniform(plan.random, 512, 4096);
                    plan.addFile(entries, touched, dir + "/" + plan.word() + k + plan.extension(), size);
                }
                added += n;
            }
            plan.layers.add(new PlannedLayer(i, String.format(Locale.ROOT, "COPY layer%d/ / # buildkit", i), entries));
        }
        return plan;
    }

    private static long scaled(long bytes, double scale) {
        return Math.max(1024, Math.round(bytes * Math.min(1.0, scale)));
    }

    /** A package directory under root, sometimes a deep node_modules chain to exercise long tar names. */
    private String packageDir(String root) {
        StringBuilder dir = new StringBuilder(root).append('/').append(word()).append('-').append(nameCounter++);
        if (root.endsWith("node_modules") && random.nextInt(8) == 0) {
            int depth = 2 + random.nextInt(6);
            for (int d = 0; d < depth; d++) {
                dir.append("/node_modules/").append(word()).append("-").append(word());
            }
        }
        return dir.toString();
    }

    /** Adds n files in a small subtree under dir, plus an occasional symlink and hard link. */
    private void addPackage(List<PlannedEntry> entries, Set<String> touched, String dir, long n) {
        List<String> dirs = new ArrayList<>();
        dirs.add(dir);
        long subdirs = n / 12;
        for (long d = 0; d < subdirs; d++) {
            dirs.add(dirs.get(random.nextInt(dirs.size())) + "/" + word());
        }
        String first = null;
        for (long k = 0; k < n; k++) {
            String path = dirs.get(random.nextInt(dirs.size())) + "/" + word() + k + extension();
            addFile(entries, touched, path, sampleSize());
            if (first == null) {
                first = path;
            }
        }
        if (n >= 8 && random.nextInt(4) == 0) {
            entries.add(new PlannedEntry(dir + "/current", PlannedEntry.SYMLINK, 0, 0, first.substring(dir.length() + 1)));
        }
        if (n >= 8 && random.nextInt(6) == 0) {
            String alias = dir + "/alias-" + baseName(first);
            entries.add(new PlannedEntry(alias, PlannedEntry.HARDLINK, 0, 0, first));
            track(alias);
        }
    }

    private void addFile(List<PlannedEntry> entries, Set<String> touched, String path, long size) {
        if (!touched.add(path)) {
            return;
        }
        entries.add(new PlannedEntry(path, PlannedEntry.FILE, size, random.nextLong(), null));
        track(path);
    }

    private void overwrite(List<PlannedEntry> entries, Set<String> touched, long count) {
        for (long k = 0; k < count && !live.isEmpty(); k++) {
            String path = live.get(random.nextInt(live.size()));
            if (touched.add(path)) {
                entries.add(new PlannedEntry(path, PlannedEntry.FILE, sampleSize(), random.nextLong(), null));
            }
        }
    }

    private void delete(List<PlannedEntry> entries, Set<String> touched, long count) {
        for (long k = 0; k < count && live.size() > 1; k++) {
            String path = live.get(random.nextInt(live.size()));
            if (touched.add(path)) {
                whiteout(entries, touched, path);
            }
        }
    }

    private void whiteout(List<PlannedEntry> entries, Set<String> touched, String path) {
        touched.add(path);
        entries.add(new PlannedEntry(parent(path) + "/.wh." + baseName(path), PlannedEntry.FILE, 0, 0, null));
        untrack(path);
    }

    private void track(String path) {
        if (!liveIndex.containsKey(path)) {
            liveIndex.put(path, live.size());
            live.add(path);
        }
    }

    private void untrack(String path) {
        Integer i = liveIndex.remove(path);
        if (i == null) {
            return;
        }
        String last = live.remove(live.size() - 1);
        if (i < live.size()) {
            live.set(i, last);
            liveIndex.put(last, i);
        }
    }

    private void forgetUnder(String prefix) {
        for (String path : new ArrayList<>(live)) {
            if (path.startsWith(prefix)) {
                untrack(path);
            }
        }
    }

    /** Many small files, some large: log-uniform bands, mean about 10 KB. */
    private long sampleSize() {
        int band = random.nextInt(10_000);
        if (band < 7_900) {
            return logUniform(random, 16, 4096);
        } else if (band < 9_900) {
            return logUniform(random, 4096, 64 << 10);
        } else if (band < 9_997) {
            return logUniform(random, 64 << 10, 1 << 20);
        }
        return logUniform(random, 1 << 20, 24 << 20);
    }

    private static long logUniform(SplittableRandom random, long lo, long hi) {
        return Math.round(Math.exp(Math.log(lo) + random.nextDouble() * (Math.log(hi) - Math.log(lo))));
    }

    private String word() {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + random.nextInt(3);
        for (int p = 0; p < parts; p++) {
            sb.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return sb.toString();
    }

    private String extension() {
        return EXTENSIONS[random.nextInt(EXTENSIONS.length)];
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}

/**
 * 16 MiB of bytes that compress like a mix of binaries and text (about 2.5x with gzip -6). A file's content is a
 * window of the pool at an offset derived from its seed, wrapping around for files larger than the pool.
 */
final class ContentPool {
    static final int SIZE = 1 << 24;
    private final byte[] bytes = new byte[SIZE];

    ContentPool(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] vocabulary = new String[2048];
        for (int i = 0; i < vocabulary.length; i++) {
            StringBuilder w = new StringBuilder();
            int len = 2 + random.nextInt(9);
            for (int c = 0; c < len; c++) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            vocabulary[i] = w.toString();
        }
        // Machine code looks like a few hundred instruction sequences of 2-7 bytes used with skewed frequency.
        byte[][] instructions = new byte[512][];
        for (int i = 0; i < instructions.length; i++) {
            instructions[i] = new byte[2 + random.nextInt(6)];
            for (int b = 0; b < instructions[i].length; b++) {
                instructions[i][b] = (byte) random.nextInt(256);
            }
        }
        int pos = 0;
        while (pos < SIZE) {
            int chunk = Math.min(SIZE - pos, 1024 + random.nextInt(7168));
            int kind = random.nextInt(100);
            if (kind < 30) { // text: words from a small vocabulary
                int end = pos + chunk;
                int col = 0;
                while (pos < end) {
                    byte[] w = vocabulary[(int) Math.min(vocabulary.length - 1, (long) (-Math.log(1 - random.nextDouble()) * 300))]
                            .getBytes(StandardCharsets.US_ASCII);
                    for (int c = 0; c < w.length && pos < end; c++) {
                        bytes[pos++] = w[c];
                    }
                    col += w.length + 1;
                    if (pos < end) {
                        bytes[pos++] = (byte) (col > 72 ? '\n' : ' ');
                        col = col > 72 ? 0 : col;
                    }
                }
            } else if (kind < 72) { // machine code: common instruction sequences with random immediates
                for (int end = pos + chunk; pos < end; ) {
                    byte[] ins = random.nextInt(5) == 0
                            ? new byte[] {(byte) random.nextInt(256), (byte) random.nextInt(256)}
                            : instructions[(int) Math.min(instructions.length - 1, (long) (-Math.log(1 - random.nextDouble()) * 60))];
                    for (int b = 0; b < ins.length && pos < end; b++) {
                        bytes[pos++] = ins[b];
                    }
                }
            } else if (kind < 83) { // already compressed data (images, archives)
                for (int end = pos + chunk; pos < end; pos++) {
                    bytes[pos] = (byte) random.nextInt(256);
                }
            } else { // zero padding and tables
                pos += chunk;
            }
        }
    }

    void write(OutputStream out, long seed, long size) throws IOException {
        int offset = (int) Math.floorMod(seed * 0x9E3779B97F4A7C15L >>> 7, (long) SIZE);
        while (size > 0) {
            int n = (int) Math.min(size, SIZE - offset);
            out.write(bytes, offset, n);
            size -= n;
            offset = 0;
        }
    }
}

/** Writes one layer: its tar (optionally to a file) and its gzip blob (optionally), hashing both while streaming. */
final class LayerJob {
    private final PlannedLayer layer;
    private final int sizeFactor;
    private final ContentPool pool;
    final Path tarFile;
    private final Path gzDir;
    String diffId;
    long tarSize;
    String gzDigest;
    long gzSize;
    long entries;

    LayerJob(PlannedLayer layer, int sizeFactor, ContentPool pool, Path tarFile, Path gzDir) {
        this.layer = layer;
        this.sizeFactor = sizeFactor;
        this.pool = pool;
        this.tarFile = tarFile;
        this.gzDir = gzDir;
    }

    long estimatedCost() {
        return layer.contentBytes() * sizeFactor * (gzDir != null ? 4 : 1) + layer.entries().size() * 2048L;
    }

    void run() throws IOException {
        HashingOutputStream tarHash = new HashingOutputStream(null);
        List<OutputStream> sinks = new ArrayList<>();
        sinks.add(tarHash);
        OutputStream tarOut = null;
        if (tarFile != null) {
            tarOut = new BufferedOutputStream(Files.newOutputStream(tarFile), 1 << 16);
            sinks.add(tarOut);
        }
        Path gzTmp = null;
        HashingOutputStream gzHash = null;
        GZIPOutputStream gzOut = null;
        if (gzDir != null) {
            gzTmp = gzDir.resolve(".tmp-" + layer.index());
            gzHash = new HashingOutputStream(new BufferedOutputStream(Files.newOutputStream(gzTmp), 1 << 16));
            gzOut = new GZIPOutputStream(gzHash, 1 << 16); // gzip -6, as docker and buildkit write
            sinks.add(gzOut);
        }
        TarWriter tar = new TarWriter(new TeeOutputStream(sinks));
        writeEntries(tar);
        tar.finish();
        tarSize = tarHash.count;
        diffId = tarHash.hex();
        if (tarOut != null) {
            tarOut.close();
        }
        if (gzOut != null) {
            gzOut.close();
            gzSize = gzHash.count;
            gzDigest = gzHash.hex();
            Files.move(gzTmp, gzDir.resolve(gzDigest), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Entries in path order, each preceded by the directories above it, as a tar of a directory walk would be. */
    private void writeEntries(TarWriter tar) throws IOException {
        TreeMap<String, PlannedEntry> sorted = new TreeMap<>();
        Set<String> dirs = new HashSet<>();
        for (PlannedEntry e : layer.entries()) {
            sorted.put(e.path(), e);
            for (String dir = ImagePlan.parent(e.path()); !dir.isEmpty() && dirs.add(dir); dir = ImagePlan.parent(dir)) {
                sorted.put(dir + "/", null);
            }
        }
        for (Map.Entry<String, PlannedEntry> me : sorted.entrySet()) {
            PlannedEntry e = me.getValue();
            entries++;
            if (e == null) {
                tar.directory(me.getKey());
            } else if (e.type() == PlannedEntry.SYMLINK) {
                tar.link(e.path(), PlannedEntry.SYMLINK, e.link());
            } else if (e.type() == PlannedEntry.HARDLINK) {
                tar.link(e.path(), PlannedEntry.HARDLINK, e.link());
            } else {
                long size = e.size() * sizeFactor;
                tar.fileHeader(e.path(), e.path().contains("/bin/") || e.path().endsWith(".so") ? 0755 : 0644, size);
                pool.write(tar.stream(), e.seed(), size);
                tar.pad(size);
            }
        }
    }
}

/** A minimal ustar writer: long names go into the ustar prefix field, else into a PAX extended header. */
final class TarWriter {
    private static final long MTIME = 1767225600L; // 2026-01-01T00:00:00Z
    private final OutputStream out;
    private final byte[] zeros = new byte[1024];
    private int paxCounter;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    OutputStream stream() {
        return out;
    }

    void directory(String path) throws IOException {
        header(path, '5', 0755, 0, "");
    }

    void link(String path, char type, String target) throws IOException {
        header(path, type, 0777, 0, target);
    }

    void fileHeader(String path, int mode, long size) throws IOException {
        header(path, '0', mode, size, "");
    }

    void file(String path, int mode, byte[] content) throws IOException {
        fileHeader(path, mode, content.length);
        out.write(content);
        pad(content.length);
    }

    void pad(long size) throws IOException {
        int rest = (int) (size % 512);
        if (rest != 0) {
            out.write(zeros, 0, 512 - rest);
        }
    }

    void flush() throws IOException {
        out.flush();
    }

    void finish() throws IOException {
        out.write(zeros, 0, 1024);
        out.flush();
    }

    private void header(String path, char type, int mode, long size, String link) throws IOException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = new byte[0];
        StringBuilder pax = new StringBuilder();
        if (name.length > 100) {
            int split = splitPoint(path);
            if (split > 0) {
                prefix = path.substring(0, split).getBytes(StandardCharsets.UTF_8);
                name = path.substring(split + 1).getBytes(StandardCharsets.UTF_8);
            } else {
                pax.append(paxRecord("path", path));
                name = ("pax-truncated-" + paxCounter).getBytes(StandardCharsets.UTF_8);
            }
        }
        if (linkBytes.length > 100) {
            pax.append(paxRecord("linkpath", link));
            linkBytes = "pax-truncated-link".getBytes(StandardCharsets.UTF_8);
        }
        if (pax.length() > 0) {
            byte[] records = pax.toString().getBytes(StandardCharsets.UTF_8);
            out.write(block(("PaxHeaders/" + (paxCounter++)).getBytes(StandardCharsets.UTF_8), 'x', 0644, records.length,
                    new byte[0], new byte[0]));
            out.write(records);
            pad(records.length);
        }
        out.write(block(name, type, mode, size, linkBytes, prefix));
    }

    private static byte[] block(byte[] name, char type, int mode, long size, byte[] link, byte[] prefix) {
        byte[] h = new byte[512];
        System.arraycopy(name, 0, h, 0, name.length);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, MTIME);
        h[156] = (byte) type;
        System.arraycopy(link, 0, h, 157, link.length);
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
        octal(h, 329, 8, 0);
        octal(h, 337, 8, 0);
        System.arraycopy(prefix, 0, h, 345, prefix.length);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        return h;
    }

    private static void octal(byte[] h, int offset, int length, long value) {
        String s = Long.toOctalString(value);
        if (s.length() > length - 1) {
            throw new IllegalArgumentException("value too large for tar field: " + value);
        }
        int pad = length - 1 - s.length();
        for (int i = 0; i < pad; i++) {
            h[offset + i] = '0';
        }
        for (int i = 0; i < s.length(); i++) {
            h[offset + pad + i] = (byte) s.charAt(i);
        }
        h[offset + length - 1] = 0;
    }

    /** The slash to split at so that prefix <= 155 and name <= 100 bytes (ASCII paths), or -1. */
    private static int splitPoint(String path) {
        for (int i = Math.min(path.length() - 1, 155); i > 0; i--) {
            if (path.charAt(i) == '/' && path.length() - i - 1 <= 100 && path.length() - i - 1 > 0) {
                return i;
            }
        }
        return -1;
    }

    private static String paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int len = body.getBytes(StandardCharsets.UTF_8).length;
        int total = len + String.valueOf(len).length();
        if (String.valueOf(total).length() != String.valueOf(len).length()) {
            total++;
        }
        return total + body;
    }
}

/** Counts and SHA-256-hashes what passes through, optionally forwarding it. */
final class HashingOutputStream extends OutputStream {
    private final OutputStream next;
    private final MessageDigest digest = Sha.newDigest();
    long count;

    HashingOutputStream(OutputStream next) {
        this.next = next;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        digest.update(b, off, len);
        count += len;
        if (next != null) {
            next.write(b, off, len);
        }
    }

    @Override
    public void close() throws IOException {
        if (next != null) {
            next.close();
        }
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}

/** Writes the same bytes to several streams. */
final class TeeOutputStream extends OutputStream {
    private final OutputStream[] sinks;

    TeeOutputStream(List<OutputStream> sinks) {
        this.sinks = sinks.toArray(new OutputStream[0]);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (OutputStream s : sinks) {
            s.write(b, off, len);
        }
    }

    @Override
    public void flush() throws IOException {
        for (OutputStream s : sinks) {
            s.flush();
        }
    }
}

final class Sha {
    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(String text) {
        return HexFormat.of().formatHex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}

/** The JSON documents, written by hand: no dependencies, and fixed key order for deterministic digests. */
final class Json {
    static String config(ImagePlan plan, List<LayerJob> jobs) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2026-01-01T00:00:00Z\",")
                .append("\"config\":{\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],")
                .append("\"Cmd\":[\"/app/bin/server\"],\"WorkingDir\":\"/app\"},")
                .append("\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[");
        for (int i = 0; i < jobs.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("\"sha256:").append(jobs.get(i).diffId).append('"');
        }
        sb.append("]},\"history\":[");
        List<PlannedLayer> layers = plan.layers();
        for (int i = 0; i < layers.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":")
                    .append(quote(layers.get(i).createdBy())).append(i == 0 ? "}" : ",\"comment\":\"buildkit.dockerfile.v0\"}");
            if (i == 0) {
                sb.append(",{\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"/bin/sh -c #(nop)  CMD [\\\"bash\\\"]\",\"empty_layer\":true}");
            } else if (i % 8 == 0) {
                sb.append(",{\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"ENV STEP=").append(i)
                        .append("\",\"comment\":\"buildkit.dockerfile.v0\",\"empty_layer\":true}");
            }
        }
        sb.append(",{\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"CMD [\\\"/app/bin/server\\\"]\",")
                .append("\"comment\":\"buildkit.dockerfile.v0\",\"empty_layer\":true}]}");
        return sb.toString();
    }

    static String dockerManifest(String configName, String tag, List<String> layers) {
        StringBuilder sb = new StringBuilder("[{\"Config\":").append(quote(configName)).append(",\"RepoTags\":[")
                .append(quote(tag)).append("],\"Layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(quote(layers.get(i)));
        }
        return sb.append("]}]\n").toString();
    }

    static String ociManifest(String configHex, long configSize, List<LayerJob> jobs) {
        StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",")
                .append("\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:")
                .append(configHex).append("\",\"size\":").append(configSize).append("},\"layers\":[");
        for (int i = 0; i < jobs.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:")
                    .append(jobs.get(i).gzDigest).append("\",\"size\":").append(jobs.get(i).gzSize).append('}');
        }
        return sb.append("]}").toString();
    }

    static String ociIndex(String manifestHex, long manifestSize) {
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
                + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + manifestHex
                + "\",\"size\":" + manifestSize + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}}]}\n";
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
