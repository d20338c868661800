// Writes the package benchmark image (docs/benchmarks.md, "`whittle packages` against `inspect` (issue 18)"):
// a held-out-sized image full of the package databases `whittle packages` reads. No dependencies:
//   java bench/GeneratePackageImage.java [OUTDIR] [--scale X]
// OUTDIR defaults to bench/out. At scale 1 it writes OUTDIR/packages.tar, a docker-archive of 30 uncompressed layers,
// about 3.0 GB of content, 206,000 regular files and 2.5 GB in the final filesystem:
//   - a Debian-like merged-/usr root: var/lib/dpkg/status with 1,500 packages (Essential, Depends with versions,
//     alternatives and :any, Pre-Depends, Provides, a dependency cycle), info/NAME[:amd64].list and .md5sums owning
//     most files, apt's extended_states; some lists name /bin/... and /lib/... (found through the /usr symlinks);
//     later layers install more packages, two upgrade some (files rewritten: hidden bytes), one purges 40 leaf
//     packages (whiteouts), the last one deletes the manual pages (files packages list that are gone);
//   - Python: 250 dists in site-packages with dist-info METADATA and RECORD, 20 of them upgraded in a later layer;
//   - npm: /app/node_modules with 3,000 packages (scoped and nested ones), package-lock.json v3 and the hidden
//     lockfile with dev flags, 50 of them uninstalled by a later layer;
//   - Java: 120 jars with META-INF/maven/**/pom.properties and a fat jar with 40 nested jars.
// Also writes OUTDIR/packages.expect: how many packages of each ecosystem the final filesystem holds (bench/packages.sh
// checks `whittle packages` finds exactly these) and the image's totals. Output is byte-for-byte deterministic for a
// given scale. The layer and file formats are the documented ones (dpkg, PEP 376/627, npm lockfile v3, Maven).

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Plans the image from one seed, writes its layers into the archive as they are made, then the expectations. */
public final class GeneratePackageImage {
    /** Bump when the output changes, so bench/packages.sh regenerates a stale image. */
    static final String VERSION = "1";

    static final String SITE = "usr/local/lib/python3.11/site-packages";
    static final String TRIPLET = "usr/lib/x86_64-linux-gnu";
    static final String[] WORDS = ("acl apt attr audit base bash bsd bzip cap cdebconf coreutils crypt curl dash db "
            + "debconf diff dpkg e2fs expat ffi findutils gcc gdbm gmp gnutls grep gzip hostname idn init jansson "
            + "keyutils krb ldap login lz lzma magic mawk mount ncurses nettle nghttp openssl pam pcre perl popt procps "
            + "psl python readline rtmp sasl sed selinux semanage sepol shadow sqlite ssh ssl systemd tar tasn tinfo "
            + "tzdata udev unistring util uuid xxhash xz zlib zstd brotli cairo fontconfig freetype gdk glib gtk "
            + "harfbuzz icu jpeg lcms llvm mesa nss pango pixman png tiff webp x11 xcb xml xslt yaml git make cmake "
            + "binutils cpp dpkgdev fakeroot patch libtool autoconf automake bison flex m4 pkgconf gettext groff less "
            + "man nano vim wget rsync unzip zip file tree jq node npm openjdk maven ant gradle ruby lua tcl tk").split(" ");

    public static void main(String[] args) throws Exception {
        Path out = Path.of("bench/out");
        double scale = 1.0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: java bench/GeneratePackageImage.java [OUTDIR] [--scale X]");
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
        Files.createDirectories(out);
        long started = System.nanoTime();
        new GeneratePackageImage(scale).write(out);
        System.out.printf(Locale.ROOT, "wrote %s in %.0f s%n", out.resolve("packages.tar"),
                (System.nanoTime() - started) / 1e9);
    }

    // ---- the plan -------------------------------------------------------------------------------------------------

    /** One Debian package: its relations, its files (as stored and as its list names them) and its version. */
    static final class Deb {
        int index;
        String name;
        boolean multiArch;
        boolean essential;
        boolean auto;
        boolean installed;
        int generation;
        String depends = "";
        String preDepends = "";
        String provides = "";
        String section;
        final List<String> files = new ArrayList<>(); // stored paths, relative
        final List<String> listed = new ArrayList<>(); // as the list names them, absolute
        final List<Long> sizes = new ArrayList<>();
        final Set<Integer> dependsOn = new HashSet<>();

        String version() {
            return (1 + index % 7) + "." + (index % 13) + "." + (index % 5) + "-" + (1 + index % 3)
                    + (generation == 0 ? "" : "+deb12u" + generation);
        }

        String listName() {
            return "var/lib/dpkg/info/" + name + (multiArch ? ":amd64" : "");
        }
    }

    /** One npm package in /app/node_modules, top level or nested in another. */
    record Npm(String name, String version, String dir, boolean dev, int files, long seed) {
    }

    /** One Python distribution in site-packages. */
    record Dist(String name, int files, long seed) {
    }

    final double scale;
    final SplittableRandom random = new SplittableRandom(18);
    final List<Deb> debs = new ArrayList<>();
    final List<Npm> npms = new ArrayList<>();
    final List<Dist> dists = new ArrayList<>();
    final Map<String, Long> finalFiles = new HashMap<>(); // the final filesystem's regular files, path -> bytes
    final Content content = new Content();
    int mavenArtifacts;

    GeneratePackageImage(double scale) {
        this.scale = scale;
        planDebs(count(1500));
        planNpm(count(3000));
        for (int i = 0; i < count(250); i++) {
            dists.add(new Dist("py" + word(i) + (i < WORDS.length ? "" : Integer.toString(i / WORDS.length)),
                    (int) clamp(logNormal(20, 1.0), 3, 600), random.nextLong()));
        }
    }

    int count(int n) {
        return Math.max(2, (int) Math.round(n * scale));
    }

    String word(int i) {
        return WORDS[i % WORDS.length];
    }

    double logNormal(double median, double sigma) {
        double u1 = random.nextDouble(), u2 = random.nextDouble();
        double z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
        return median * Math.exp(sigma * z);
    }

    static long clamp(double v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, Math.round(v)));
    }

    private void planDebs(int n) {
        Set<String> names = new HashSet<>();
        String[] sections = {"libs", "utils", "admin", "devel", "python", "perl", "net", "doc", "text", "misc"};
        for (int i = 0; i < n; i++) {
            Deb d = new Deb();
            d.index = i;
            boolean lib = random.nextInt(100) < 55;
            String base = word(i) + (i < WORDS.length ? "" : word(i / WORDS.length + 7));
            String name = lib ? "lib" + base + (i % 4) : base + (i % 9 == 0 ? "-common" : i % 9 == 1 ? "-data" : "");
            while (!names.add(name)) {
                name = name + "x";
            }
            d.name = name;
            d.multiArch = lib;
            d.essential = i < Math.max(2, n / 50);
            d.section = lib ? "libs" : sections[random.nextInt(sections.length)];
            // dependencies on earlier packages, the low ones (libc-like) the most often
            List<String> clauses = new ArrayList<>();
            int k = i == 0 ? 0 : random.nextInt(Math.min(i, 7));
            for (int c = 0; c < k; c++) {
                int j = (int) (i * Math.pow(random.nextDouble(), 2.5));
                if (!d.dependsOn.add(j)) {
                    continue;
                }
                Deb t = debs.get(j);
                String clause = t.name + (random.nextBoolean() ? " (>= " + t.version() + ")" : "");
                if (random.nextInt(10) == 0) {
                    clause += " | " + t.name + "-alt";
                }
                if (!t.multiArch && random.nextInt(8) == 0) {
                    clause = t.name + ":any";
                }
                clauses.add(clause);
            }
            if (i == 1 && n > 2) {
                d.dependsOn.add(0);
                clauses.add(debs.get(0).name);
            }
            d.depends = String.join(", ", clauses);
            if (lib && random.nextInt(6) == 0 && i > 0) {
                d.preDepends = debs.get(0).name + " (>= 2.36)";
            }
            if (random.nextInt(20) == 0) {
                d.provides = name + "-virtual, " + base + "-abi-" + (i % 3);
            }
            planDebFiles(d, lib);
            debs.add(d);
        }
        if (n > 2) { // a cycle, as libc6 and libgcc-s1 have
            debs.get(0).depends = debs.get(1).name;
            debs.get(0).dependsOn.add(1);
        }
    }

    private void planDebFiles(Deb d, boolean lib) {
        int files = (int) clamp(logNormal(56, 1.2), 3, 6000);
        String n = d.name;
        addDebFile(d, "usr/share/doc/" + n + "/copyright", null);
        addDebFile(d, "usr/share/doc/" + n + "/changelog.Debian.gz", null);
        if (lib) {
            String so = n + ".so." + (d.index % 4 + 1) + ".0." + (d.index % 9);
            // base libraries listed under /lib, as bookworm's libc6 lists them: found through the /lib -> usr/lib link
            addDebFile(d, TRIPLET + "/" + so, d.index < 300 && d.index % 3 == 0 ? "/lib/x86_64-linux-gnu/" + so : null);
        } else {
            // a few base tools list /bin/X as bookworm's coreutils does: found through the /bin -> usr/bin link
            boolean legacy = d.index < 300 && d.index % 3 == 0;
            addDebFile(d, "usr/bin/" + n, legacy ? "/bin/" + n : null);
            if (files > 10) {
                addDebFile(d, "usr/share/man/man1/" + n + ".1.gz", null);
            }
        }
        String root = lib ? TRIPLET + "/" + n : "usr/share/" + n;
        String[] ext = lib ? new String[] {".so", ".a", ".la", ".h"} : new String[] {".py", ".pm", ".txt", ".dat", ".mo"};
        for (int f = d.files.size(); f < files; f++) {
            String path = root + "/d" + (f / 40) + "/f" + f + ext[f % ext.length];
            addDebFile(d, path, null);
        }
        if (d.index % 50 == 7 && d.index > 0) { // a file two packages list (one stores it)
            d.listed.add("/usr/share/doc/" + debs.get(d.index - 1).name + "/copyright");
        }
    }

    private void addDebFile(Deb d, String path, String listed) {
        d.files.add(path);
        d.listed.add(listed == null ? "/" + path : listed);
        d.sizes.add(clamp(logNormal(3000, 1.7), 0, 48L << 20));
    }

    private void planNpm(int n) {
        List<Npm> top = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = (i % 10 == 3 ? "@" + word(i / 10) + "-org/" : "") + word(i) + "-" + word(i * 7 + 3) + "-" + i;
            boolean nested = i % 14 == 5 && !top.isEmpty();
            String version = (i % 5) + "." + (i % 11) + "." + (i % 3);
            int files = (int) clamp(logNormal(7, 0.9), 2, 400);
            if (nested) {
                Npm parent = top.get(random.nextInt(top.size()));
                if (parent.name().startsWith("@")) {
                    parent = top.get(0);
                }
                npms.add(new Npm(name, version, parent.dir() + "/node_modules/" + name, parent.dev(), files,
                        random.nextLong()));
            } else {
                Npm p = new Npm(name, version, "app/node_modules/" + name, random.nextInt(10) < 3, files,
                        random.nextLong());
                top.add(p);
                npms.add(p);
            }
        }
    }

    // ---- the layers ---------------------------------------------------------------------------------------------

    /** A layer to write: the instruction that made it and what it holds. */
    record LayerPlan(String createdBy, Consumer<Layer> body) {
    }

    private List<LayerPlan> layers() {
        List<LayerPlan> plans = new ArrayList<>();
        int base = Math.max(2, debs.size() / 5);
        int groups = 18;
        int[] bounds = new int[groups + 1];
        bounds[0] = base;
        for (int g = 1; g <= groups; g++) {
            bounds[g] = base + (int) ((long) (debs.size() - base) * g / groups);
        }
        plans.add(new LayerPlan("debootstrap --variant=minbase bookworm /", l -> baseLayer(l, base)));
        for (int g = 0; g < groups; g++) {
            int from = bounds[g], to = bounds[g + 1];
            plans.add(new LayerPlan("/bin/sh -c apt-get update && apt-get install -y --no-install-recommends "
                    + (to > from ? debs.get(from).name + " ..." : ""), l -> installLayer(l, from, to, from == base)));
            if (g == 7) {
                plans.add(new LayerPlan("/bin/sh -c apt-get upgrade -y", l -> upgradeLayer(l, 0, count(60))));
            }
            if (g == 15) {
                plans.add(new LayerPlan("/bin/sh -c apt-get upgrade -y", l -> upgradeLayer(l, 3, count(150))));
                plans.add(new LayerPlan("/bin/sh -c apt-get purge -y --auto-remove ...", l -> purgeLayer(l, count(40))));
            }
        }
        plans.add(new LayerPlan("/bin/sh -c pip install -r requirements.txt", this::pipLayer));
        plans.add(new LayerPlan("/bin/sh -c pip install --upgrade ...", l -> pipUpgradeLayer(l, count(20))));
        plans.add(new LayerPlan("RUN /bin/sh -c npm install", this::npmLayer));
        plans.add(new LayerPlan("RUN /bin/sh -c npm uninstall ...", l -> npmUninstallLayer(l, count(50))));
        plans.add(new LayerPlan("COPY target/lib /opt/app/lib", l -> jarLayer(l, count(120), count(40))));
        plans.add(new LayerPlan("COPY dist /app/dist", this::appLayer));
        plans.add(new LayerPlan("RUN /bin/sh -c rm -rf /var/lib/apt/lists/* /usr/share/man", this::cleanupLayer));
        plans.add(new LayerPlan("COPY app.conf /etc/app/app.conf", l -> l.text("etc/app/app.conf", "port=8080\n")));
        return plans;
    }

    private void baseLayer(Layer l, int n) {
        l.dir("usr/bin");
        l.dir("usr/sbin");
        l.dir("usr/lib");
        l.dir("usr/lib64");
        l.symlink("bin", "usr/bin");
        l.symlink("sbin", "usr/sbin");
        l.symlink("lib", "usr/lib");
        l.symlink("lib64", "usr/lib64");
        l.text("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                + "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n");
        l.text("etc/debian_version", "12.8\n");
        for (int i = 0; i < n; i++) {
            installDeb(l, debs.get(i));
        }
        l.text("var/lib/dpkg/status", status());
    }

    private void installLayer(Layer l, int from, int to, boolean lists) {
        if (lists) { // apt-get update's indexes, removed by the last layer
            for (String dist : List.of("bookworm", "bookworm-updates", "bookworm-security")) {
                l.file("var/lib/apt/lists/deb_dists_" + dist + "_main_binary-amd64_Packages", count(8 << 20), dist.hashCode());
            }
        }
        for (int i = from; i < to; i++) {
            Deb d = debs.get(i);
            d.auto = random.nextInt(10) < 7;
            installDeb(l, d);
        }
        l.text("var/lib/dpkg/status", status());
        l.text("var/lib/apt/extended_states", extendedStates());
        l.file("var/log/dpkg.log", 40_000 + to * 50L, to);
    }

    private void upgradeLayer(Layer l, int offset, int n) {
        int done = 0;
        for (int i = offset; done < n && i < debs.size(); i += 7) {
            Deb d = debs.get(i);
            if (!d.installed) {
                continue;
            }
            d.generation++;
            for (int f = 0; f < d.sizes.size(); f++) {
                d.sizes.set(f, Math.max(0, d.sizes.get(f) + (f % 3 - 1) * (d.sizes.get(f) / 10)));
            }
            installDeb(l, d);
            done++;
        }
        l.text("var/lib/dpkg/status", status());
    }

    private void purgeLayer(Layer l, int n) {
        Set<Integer> needed = new HashSet<>();
        for (Deb d : debs) {
            needed.addAll(d.dependsOn);
        }
        int done = 0;
        for (int i = debs.size() - 1; i > debs.size() / 5 && done < n; i -= 3) {
            Deb d = debs.get(i);
            if (!d.installed || needed.contains(i) || d.essential || d.index % 50 == 6) {
                continue;
            }
            d.installed = false;
            for (String f : d.files) {
                l.whiteout(f);
            }
            l.whiteout(d.listName() + ".list");
            l.whiteout(d.listName() + ".md5sums");
            done++;
        }
        l.text("var/lib/dpkg/status", status());
        l.text("var/lib/apt/extended_states", extendedStates());
    }

    private void installDeb(Layer l, Deb d) {
        d.installed = true;
        long seed = (long) d.index << 20 | d.generation;
        for (int f = 0; f < d.files.size(); f++) {
            l.file(d.files.get(f), d.sizes.get(f), seed + f);
        }
        TreeSet<String> list = new TreeSet<>();
        for (String p : d.listed) {
            for (int s = p.indexOf('/', 1); s > 0; s = p.indexOf('/', s + 1)) {
                list.add(p.substring(0, s));
            }
            list.add(p);
        }
        StringBuilder sb = new StringBuilder("/.\n");
        list.forEach(p -> sb.append(p).append('\n'));
        l.text(d.listName() + ".list", sb.toString());
        StringBuilder sums = new StringBuilder();
        for (int f = 0; f < d.files.size(); f++) {
            sums.append(HexFormat.of().toHexDigits(seed * 31 + f)).append(HexFormat.of().toHexDigits(f * 17L + d.index))
                    .append("  ").append(d.files.get(f)).append('\n');
        }
        l.text(d.listName() + ".md5sums", sums.toString());
    }

    private String status() {
        TreeMap<String, Deb> byName = new TreeMap<>();
        for (Deb d : debs) {
            if (d.installed) {
                byName.put(d.name, d);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Deb d : byName.values()) {
            long kb = 0;
            for (long s : d.sizes) {
                kb += (s + 1023) / 1024;
            }
            sb.append("Package: ").append(d.name).append('\n');
            if (d.essential) {
                sb.append("Essential: yes\n");
            }
            sb.append("Status: install ok installed\n")
                    .append("Priority: ").append(d.essential ? "required" : "optional").append('\n')
                    .append("Section: ").append(d.section).append('\n')
                    .append("Installed-Size: ").append(kb).append('\n')
                    .append("Maintainer: Debian ").append(d.section).append(" team <").append(d.section)
                    .append("@example.invalid>\n")
                    .append("Architecture: ").append(d.multiArch || d.index % 4 != 0 ? "amd64" : "all").append('\n');
            if (d.multiArch) {
                sb.append("Multi-Arch: same\n");
            }
            if (d.name.startsWith("lib")) {
                sb.append("Source: ").append(d.name, 3, d.name.length()).append(" (").append(d.version()).append(")\n");
            }
            sb.append("Version: ").append(d.version()).append('\n');
            if (!d.provides.isEmpty()) {
                sb.append("Provides: ").append(d.provides).append('\n');
            }
            if (!d.preDepends.isEmpty()) {
                sb.append("Pre-Depends: ").append(d.preDepends).append('\n');
            }
            if (!d.depends.isEmpty()) {
                sb.append("Depends: ").append(d.depends).append('\n');
            }
            if (d.index % 5 == 0) {
                sb.append("Conffiles:\n /etc/").append(d.name).append("/").append(d.name)
                        .append(".conf 0123456789abcdef0123456789abcdef\n");
            }
            sb.append("Description: the ").append(d.name).append(" package\n")
                    .append(" This package provides ").append(d.name).append(", generated for Whittle's bench.\n")
                    .append(" .\n It is one of ").append(debs.size()).append(" packages of a synthetic Debian system")
                    .append(" whose files are owned through info/*.list.\n");
            if (d.index % 3 == 0) {
                sb.append("Homepage: https://example.invalid/").append(d.name).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private String extendedStates() {
        StringBuilder sb = new StringBuilder();
        for (Deb d : debs) {
            if (d.installed && d.auto) {
                sb.append("Package: ").append(d.name).append("\nArchitecture: amd64\nAuto-Installed: 1\n\n");
            }
        }
        return sb.toString();
    }

    private void pipLayer(Layer l) {
        for (Dist d : dists) {
            writeDist(l, d, "1." + (d.seed() & 7) + ".0");
        }
    }

    private void pipUpgradeLayer(Layer l, int n) {
        for (int i = 0; i < n && i < dists.size(); i++) {
            Dist d = dists.get(i * 7 % dists.size());
            l.whiteout(SITE + "/" + d.name() + "-1." + (d.seed() & 7) + ".0.dist-info");
            writeDist(l, new Dist(d.name(), d.files(), d.seed() + 1), "2." + (d.seed() & 7) + ".0");
        }
    }

    private void writeDist(Layer l, Dist d, String version) {
        String info = d.name() + "-" + version + ".dist-info";
        StringBuilder record = new StringBuilder();
        SplittableRandom r = new SplittableRandom(d.seed());
        for (int f = 0; f < d.files(); f++) {
            String rel = d.name() + "/" + (f < 1 ? "__init__" : "m" + f) + ".py";
            long size = clamp(1500 * Math.exp(1.3 * r.nextGaussian()), 0, 8 << 20);
            l.file(SITE + "/" + rel, size, d.seed() + f);
            record.append(rel).append(",sha256=").append(fakeHash(d.seed() + f)).append(',').append(size).append('\n');
        }
        if (d.seed() % 5 == 0) {
            l.file("usr/local/bin/" + d.name(), 230, d.seed());
            record.append("../../../bin/").append(d.name()).append(",sha256=").append(fakeHash(d.seed()))
                    .append(",230\n");
        }
        String metadata = "Metadata-Version: 2.1\nName: " + d.name() + "\nVersion: " + version
                + "\nSummary: " + d.name() + " for the bench\nLicense: " + (d.files() % 2 == 0 ? "MIT" : "Apache-2.0")
                + "\nRequires-Python: >=3.8\nRequires-Dist: " + dists.get(0).name() + " (>=1.0)\n\n"
                + "# " + d.name() + "\n\nA long description.\n";
        String wheel = "Wheel-Version: 1.0\nGenerator: bdist_wheel (0.41.2)\nRoot-Is-Purelib: true\nTag: py3-none-any\n";
        for (String[] f : new String[][] {{"METADATA", metadata}, {"WHEEL", wheel}, {"INSTALLER", "pip\n"},
                {"top_level.txt", d.name() + "\n"}}) {
            l.text(SITE + "/" + info + "/" + f[0], f[1]);
            record.append(info).append('/').append(f[0]).append(",sha256=").append(fakeHash(f[1].hashCode()))
                    .append(',').append(f[1].getBytes(StandardCharsets.UTF_8).length).append('\n');
        }
        record.append(info).append("/RECORD,,\n");
        l.text(SITE + "/" + info + "/RECORD", record.toString());
    }

    private void npmLayer(Layer l) {
        List<String> deps = new ArrayList<>();
        List<String> dev = new ArrayList<>();
        for (Npm p : npms) {
            if (p.dir().indexOf("/node_modules/") == p.dir().lastIndexOf("/node_modules/")) {
                (p.dev() ? dev : deps).add("\n    \"" + p.name() + "\": \"^" + p.version() + "\"");
            }
        }
        String manifest = "{\n  \"name\": \"bench-app\",\n  \"version\": \"1.0.0\",\n  \"private\": true,\n"
                + "  \"dependencies\": {" + String.join(",", deps) + "\n  },\n  \"devDependencies\": {"
                + String.join(",", dev) + "\n  }\n}\n";
        l.text("app/package.json", manifest);
        for (Npm p : npms) {
            SplittableRandom r = new SplittableRandom(p.seed());
            l.text(p.dir() + "/package.json", "{\n  \"name\": \"" + p.name() + "\",\n  \"version\": \"" + p.version()
                    + "\",\n  \"description\": \"" + p.name() + " for the bench\",\n  \"main\": \"index.js\",\n"
                    + "  \"license\": \"" + (p.files() % 3 == 0 ? "ISC" : "MIT") + "\",\n  \"dependencies\": {}\n}\n");
            for (int f = 1; f < p.files(); f++) {
                String name = f == 1 ? "index.js" : f == 2 ? "README.md" : f == 3 ? "LICENSE" : "lib/m" + f + ".js";
                l.file(p.dir() + "/" + name, clamp(1800 * Math.exp(1.4 * r.nextGaussian()), 0, 4 << 20), p.seed() + f);
            }
        }
        String lock = lockfile(npms);
        l.text("app/package-lock.json", lock);
        l.text("app/node_modules/.package-lock.json", lock);
    }

    private void npmUninstallLayer(Layer l, int n) {
        Set<String> gone = new HashSet<>();
        for (int i = npms.size() - 1; i >= 0 && gone.size() < n; i -= 11) {
            Npm p = npms.get(i);
            if (!p.dev() && !p.name().startsWith("@") && p.dir().indexOf("/node_modules/") == p.dir().lastIndexOf("/node_modules/")) {
                gone.add(p.dir());
                l.whiteout(p.dir());
            }
        }
        npms.removeIf(p -> gone.stream().anyMatch(g -> p.dir().equals(g) || p.dir().startsWith(g + "/")));
        String lock = lockfile(npms);
        l.text("app/package-lock.json", lock);
        l.text("app/node_modules/.package-lock.json", lock);
    }

    private static String lockfile(List<Npm> npms) {
        StringBuilder sb = new StringBuilder("{\n  \"name\": \"bench-app\",\n  \"version\": \"1.0.0\",\n"
                + "  \"lockfileVersion\": 3,\n  \"requires\": true,\n  \"packages\": {\n"
                + "    \"\": {\n      \"name\": \"bench-app\",\n      \"version\": \"1.0.0\"\n    }");
        for (Npm p : npms) {
            sb.append(",\n    \"").append(p.dir().substring("app/".length())).append("\": {\n      \"version\": \"")
                    .append(p.version()).append("\",\n      \"integrity\": \"sha512-").append(fakeHash(p.seed()))
                    .append("\",\n      \"license\": \"MIT\"");
            if (p.dev()) {
                sb.append(",\n      \"dev\": true");
            }
            sb.append("\n    }");
        }
        return sb.append("\n  }\n}\n").toString();
    }

    private void jarLayer(Layer l, int jars, int nested) {
        for (int i = 0; i < jars; i++) {
            String a = word(i) + "-" + word(i * 3 + 1) + (i < WORDS.length ? "" : "-" + i);
            long size = clamp(logNormal(900_000, 1.0), 20_000, 60 << 20);
            l.bytes("opt/app/lib/" + a + "-" + (1 + i % 4) + ".2." + (i % 10) + ".jar",
                    jar("org." + word(i / 3), a, (1 + i % 4) + ".2." + (i % 10), size, i, List.of()));
            mavenArtifacts++;
        }
        List<byte[]> inner = new ArrayList<>();
        for (int i = 0; i < nested; i++) {
            inner.add(jar("com.example." + word(i + 40), "inner-" + word(i + 40) + "-" + i, "3.1." + i,
                    clamp(logNormal(300_000, 0.8), 10_000, 8 << 20), 10_000 + i, List.of()));
            mavenArtifacts++;
        }
        l.bytes("opt/app/app.jar", jar("com.example", "bench-app", "1.0.0", 2 << 20, 99_999, inner));
        mavenArtifacts++;
        l.text("opt/app/application.properties", "server.port=8080\n");
    }

    private byte[] jar(String group, String artifact, String version, long size, long seed, List<byte[]> nested) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) size + 4096);
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                put(zip, "META-INF/MANIFEST.MF", ("Manifest-Version: 1.0\nImplementation-Title: " + artifact + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                String prefix = "META-INF/maven/" + group + "/" + artifact + "/";
                put(zip, prefix + "pom.properties", ("artifactId=" + artifact + "\ngroupId=" + group + "\nversion="
                        + version + "\n").getBytes(StandardCharsets.UTF_8));
                put(zip, prefix + "pom.xml", ("<project><groupId>" + group + "</groupId><artifactId>" + artifact
                        + "</artifactId><version>" + version + "</version></project>\n").getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < nested.size(); i++) {
                    put(zip, "BOOT-INF/lib/nested-" + i + ".jar", nested.get(i));
                }
                long left = size;
                for (int c = 0; left > 0; c++) {
                    int n = (int) Math.min(left, 2000 + (seed * 31 + c) % 6000);
                    put(zip, group.replace('.', '/') + "/" + artifact.replace('-', '_') + "/C" + c + ".class",
                            content.slice(seed * 1000 + c, n));
                    left -= n;
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(1_767_225_600_000L);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private void appLayer(Layer l) {
        for (int i = 0; i < count(600); i++) {
            l.file("app/dist/chunk-" + i + (i % 4 == 0 ? ".js.map" : ".js"), clamp(logNormal(9000, 1.2), 100, 8 << 20),
                    7_000_000L + i);
        }
    }

    private void cleanupLayer(Layer l) {
        l.opaque("var/lib/apt/lists");
        l.whiteout("usr/share/man");
    }

    static String fakeHash(long seed) {
        byte[] b = new byte[32];
        new SplittableRandom(seed).nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    void write(Path out) throws IOException, NoSuchAlgorithmException {
        Path file = out.resolve("packages.tar");
        Path tmp = out.resolve("packages.tar.tmp");
        List<LayerPlan> plans = layers();
        List<String> diffIds = new ArrayList<>();
        long contentBytes = 0;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (int i = 0; i < plans.size(); i++) {
                long headerAt = ch.position();
                ch.write(ByteBuffer.allocate(512));
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                Layer layer = new Layer(new Tar(new BufferedOutputStream(new DigestStream(Channels.newOutputStream(ch), sha), 1 << 20)));
                plans.get(i).body().accept(layer);
                layer.tar.finish();
                long size = ch.position() - headerAt - 512;
                contentBytes += layer.contentBytes;
                String hex = HexFormat.of().formatHex(sha.digest());
                diffIds.add(hex);
                ch.write(ByteBuffer.allocate((int) ((512 - size % 512) % 512)));
                long end = ch.position();
                ch.position(headerAt);
                ch.write(ByteBuffer.wrap(Tar.header(hex + ".tar", '0', 0644, size, "")));
                ch.position(end);
                System.out.printf(Locale.ROOT, "layer %2d: %,14d bytes  %s%n", i, size, plans.get(i).createdBy());
            }
            String config = config(plans, diffIds);
            String configName = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(config.getBytes(StandardCharsets.UTF_8))) + ".json";
            StringBuilder manifest = new StringBuilder("[{\"Config\":\"" + configName
                    + "\",\"RepoTags\":[\"whittle-bench/packages:latest\"],\"Layers\":[");
            for (int i = 0; i < diffIds.size(); i++) {
                manifest.append(i == 0 ? "\"" : ",\"").append(diffIds.get(i)).append(".tar\"");
            }
            manifest.append("]}]\n");
            Tar outer = new Tar(Channels.newOutputStream(ch));
            outer.entry(configName, '0', 0644, config.getBytes(StandardCharsets.UTF_8), "");
            outer.entry("manifest.json", '0', 0644, manifest.toString().getBytes(StandardCharsets.UTF_8), "");
            outer.finish();
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        long debCount = debs.stream().filter(d -> d.installed).count();
        String expect = "version " + VERSION + " scale " + scale + "\n"
                + "deb " + debCount + "\nnpm " + npms.size() + "\npypi " + dists.size() + "\nmaven " + mavenArtifacts + "\n"
                + "layers " + plans.size() + "\nfiles " + finalFiles.size() + "\ncontent " + contentBytes + "\n"
                + "visible " + finalFiles.values().stream().mapToLong(Long::longValue).sum() + "\n";
        Files.writeString(out.resolve("packages.expect"), expect);
        System.out.print(expect);
    }

    private static String config(List<LayerPlan> plans, List<String> diffIds) {
        StringBuilder sb = new StringBuilder("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2026-01-01T00:00:00Z\","
                + "\"config\":{\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],"
                + "\"Cmd\":[\"java\",\"-jar\",\"/opt/app/app.jar\"],\"WorkingDir\":\"/app\"},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[");
        for (int i = 0; i < diffIds.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("\"sha256:").append(diffIds.get(i)).append('"');
        }
        sb.append("]},\"history\":[");
        for (int i = 0; i < plans.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"")
                    .append(plans.get(i).createdBy().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"}");
        }
        return sb.append("]}").toString();
    }

    /** One layer being written: adds each file's parent directories once and keeps the final filesystem's tally. */
    final class Layer {
        final Tar tar;
        final Set<String> dirs = new HashSet<>();
        long contentBytes;

        Layer(Tar tar) {
            this.tar = tar;
        }

        void dir(String path) {
            parents(path);
            if (dirs.add(path)) {
                tar.entry(path + "/", '5', 0755, new byte[0], "");
            }
        }

        private void parents(String path) {
            for (int s = path.indexOf('/'); s > 0; s = path.indexOf('/', s + 1)) {
                String d = path.substring(0, s);
                if (dirs.add(d)) {
                    tar.entry(d + "/", '5', 0755, new byte[0], "");
                }
            }
        }

        void file(String path, long size, long seed) {
            parents(path);
            tar.file(path, size, content, seed);
            contentBytes += size;
            finalFiles.put(path, size);
        }

        void text(String path, String text) {
            bytes(path, text.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(String path, byte[] data) {
            parents(path);
            tar.entry(path, '0', 0644, data, "");
            contentBytes += data.length;
            finalFiles.put(path, (long) data.length);
        }

        void symlink(String path, String target) {
            parents(path);
            tar.entry(path, '2', 0777, new byte[0], target);
        }

        /** Deletes a path (and everything below it) from the layers beneath. */
        void whiteout(String path) {
            int s = path.lastIndexOf('/');
            parents(path);
            tar.entry(path.substring(0, s + 1) + ".wh." + path.substring(s + 1), '0', 0644, new byte[0], "");
            if (finalFiles.remove(path) == null) {
                finalFiles.keySet().removeIf(p -> p.startsWith(path + "/"));
            }
        }

        /** Hides everything the layers beneath hold below a directory. */
        void opaque(String dir) {
            dir(dir);
            tar.entry(dir + "/.wh..wh..opq", '0', 0644, new byte[0], "");
            finalFiles.keySet().removeIf(p -> p.startsWith(dir + "/"));
        }
    }

    /** Pseudo-random bytes to slice file contents from: deterministic, cheap, incompressible like real binaries. */
    static final class Content {
        final byte[] noise = new byte[8 << 20];

        Content() {
            new SplittableRandom(1818).nextBytes(noise);
        }

        byte[] slice(long seed, int n) {
            byte[] out = new byte[n];
            int at = (int) Math.floorMod(seed * 0x9E3779B97F4A7C15L, (long) noise.length);
            for (int done = 0; done < n; ) {
                int k = Math.min(n - done, noise.length - at);
                System.arraycopy(noise, at, out, done, k);
                done += k;
                at = 0;
            }
            return out;
        }

        void write(OutputStream out, long seed, long n) throws IOException {
            int at = (int) Math.floorMod(seed * 0x9E3779B97F4A7C15L, (long) noise.length);
            while (n > 0) {
                int k = (int) Math.min(n, noise.length - at);
                out.write(noise, at, k);
                n -= k;
                at = 0;
            }
        }
    }

    /** A ustar writer with PAX headers for long names; deterministic (no times, owners or modes from the host). */
    static final class Tar {
        private final OutputStream out;

        Tar(OutputStream out) {
            this.out = out;
        }

        void entry(String name, char type, int mode, byte[] data, String link) {
            try {
                writeHeader(name, type, mode, data.length, link);
                out.write(data);
                pad(data.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void file(String name, long size, Content content, long seed) {
            try {
                writeHeader(name, '0', 0644, size, "");
                content.write(out, seed, size);
                pad(size);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void finish() {
            try {
                out.write(new byte[1024]);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void writeHeader(String name, char type, int mode, long size, String link) throws IOException {
            if (name.getBytes(StandardCharsets.UTF_8).length > 100) {
                String record = " path=" + name + "\n";
                int len = record.length() + 2;
                while ((len + "").length() + record.length() != len) {
                    len = (len + "").length() + record.length();
                }
                byte[] pax = (len + record).getBytes(StandardCharsets.UTF_8);
                out.write(header("PaxHeader/" + name.substring(name.length() - 80), 'x', 0644, pax.length, ""));
                out.write(pax);
                pad(pax.length);
                name = name.substring(name.length() - 99);
            }
            out.write(header(name, type, mode, size, link));
        }

        static byte[] header(String name, char type, int mode, long size, String link) {
            byte[] h = new byte[512];
            put(h, 0, 100, name);
            put(h, 100, 8, String.format("%07o", mode));
            put(h, 108, 8, "0000000");
            put(h, 116, 8, "0000000");
            put(h, 124, 12, String.format("%011o", size));
            put(h, 136, 12, String.format("%011o", 1_767_225_600L));
            h[156] = (byte) type;
            put(h, 157, 100, link);
            put(h, 257, 6, "ustar");
            put(h, 263, 2, "00");
            put(h, 265, 32, "root");
            put(h, 297, 32, "root");
            for (int i = 148; i < 156; i++) {
                h[i] = ' ';
            }
            long sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            put(h, 148, 8, String.format("%06o", sum) + "\0 ");
            return h;
        }

        private static void put(byte[] h, int at, int len, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(b, 0, h, at, Math.min(len, b.length));
        }

        private void pad(long size) throws IOException {
            out.write(new byte[(int) ((512 - size % 512) % 512)]);
        }
    }

    /** Digests what passes through to the channel's stream; does not close the channel. */
    static final class DigestStream extends OutputStream {
        private final OutputStream out;
        private final MessageDigest sha;

        DigestStream(OutputStream out, MessageDigest sha) {
            this.out = out;
            this.sha = sha;
        }

        @Override
        public void write(int b) throws IOException {
            sha.update((byte) b);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            sha.update(b, off, len);
            out.write(b, off, len);
        }
    }
}
