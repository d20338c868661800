package dev.whittle.testing.demo;

import static dev.whittle.testing.demo.DemoContent.binary;
import static dev.whittle.testing.demo.DemoContent.hex;
import static dev.whittle.testing.demo.DemoContent.text;
import static dev.whittle.testing.demo.DemoContent.utf8;

import java.util.ArrayList;
import java.util.List;

/** The operating-system layers of the demo images: a fake Debian base, Node.js, and the apt-get mistake. */
final class DemoLayers {
    static final String LISTS = "var/lib/apt/lists/";
    static final List<String> LIST_FILES = List.of(
            "mirror.example.org_debian_dists_bookworm_InRelease",
            "mirror.example.org_debian_dists_bookworm_main_binary-amd64_Packages",
            "mirror.example.org_debian_dists_bookworm-updates_InRelease",
            "mirror.example.org_debian_dists_bookworm-updates_main_binary-amd64_Packages",
            "mirror.example.org_debian-security_dists_bookworm-security_InRelease",
            "mirror.example.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages");
    private static final int[] LIST_SIZES = {151_000, 2_600_000, 55_000, 42_000, 48_000, 360_000};

    private static final String[] CORE = {"ls", "cat", "cp", "mv", "rm", "mkdir", "chmod", "chown", "ln", "echo",
        "date", "df", "du", "sort", "tr", "head", "tail", "wc", "grep", "sed", "tar", "gzip"};
    private static final String[] BASE_PACKAGES = {"base-files", "bash", "coreutils", "dash", "debianutils",
        "diffutils", "dpkg", "findutils", "grep", "gzip", "hostname", "libc6", "libc-bin", "libssl3", "libstdc++6",
        "login", "mawk", "ncurses-base", "passwd", "perl-base", "sed", "tar", "tzdata", "util-linux", "zlib1g",
        "apt", "gpgv", "debian-archive-keyring", "libgcc-s1", "libzstd1", "liblzma5", "libbz2-1.0", "libselinux1",
        "libpcre2-8-0", "libacl1", "libattr1", "libcap2", "libaudit1", "libpam0g", "libpam-modules"};

    private DemoLayers() {
    }

    /** {@code ADD file:... in /}: a Debian-ish root filesystem; {@code slim} drops docs, locales and big libraries. */
    static void debianBase(DemoLayer l, boolean slim) {
        l.file("etc/os-release", utf8("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                + "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nID=debian\n"));
        l.file("etc/passwd", utf8("root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:"
                + "/usr/sbin/nologin\nnode:x:1000:1000::/home/node:/bin/bash\n"));
        l.file("etc/group", utf8("root:x:0:\nnogroup:x:65534:\nnode:x:1000:\n"));
        l.file("etc/apt/sources.list.d/debian.sources", utf8("Types: deb\nURIs: http://mirror.example.org/debian\n"
                + "Suites: bookworm bookworm-updates\nComponents: main\n"));
        l.file("bin/bash", binary("bash", 620_000));
        l.file("bin/dash", binary("dash", 90_000));
        l.symlink("bin/sh", "dash");
        int core = slim ? 12 : CORE.length;
        for (int i = 0; i < core; i++) {
            l.file("bin/" + CORE[i], binary("core/" + CORE[i], 30_000 + 4_000 * i));
        }
        l.file("usr/lib/x86_64-linux-gnu/libc.so.6", binary("libc", 1_000_000));
        l.file("usr/lib/x86_64-linux-gnu/libm.so.6", binary("libm", 400_000));
        l.file("usr/lib/x86_64-linux-gnu/libssl.so.3", binary("libssl", 300_000));
        if (!slim) {
            l.file("usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30", binary("libstdc++", 900_000));
            l.file("usr/lib/x86_64-linux-gnu/libcrypto.so.3", binary("libcrypto", 800_000));
            for (int i = 0; i < 10; i++) {
                l.file("usr/share/locale/l" + i + "/LC_MESSAGES/coreutils.mo", text("locale" + i, 40_000));
            }
            for (String zone : List.of("UTC", "Europe/London", "Europe/Berlin", "America/New_York",
                    "America/Los_Angeles", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney")) {
                l.file("usr/share/zoneinfo/" + zone, binary("tz" + zone, 3_000));
            }
            for (String p : BASE_PACKAGES) {
                l.file("usr/share/doc/" + p + "/copyright", text("copyright " + p, 7_000));
            }
        }
        int packages = slim ? 25 : BASE_PACKAGES.length;
        StringBuilder status = new StringBuilder();
        for (int i = 0; i < packages; i++) {
            status.append(dpkgStatus(BASE_PACKAGES[i], "1." + i + "-1", "libs"));
            l.file("var/lib/dpkg/info/" + BASE_PACKAGES[i] + ".list", utf8("/.\n/usr\n/usr/share/doc/"
                    + BASE_PACKAGES[i] + "\n/usr/share/doc/" + BASE_PACKAGES[i] + "/copyright\n"));
        }
        l.file("var/lib/dpkg/status", utf8(status.toString()));
        l.dir("tmp").dir("root").dir("home/node");
    }

    /** Node.js 20 unpacked into /usr/local, as the official node images do. */
    static void node(DemoLayer l) {
        l.file("usr/local/bin/node", binary("node-20.11.0", 3_000_000));
        l.symlink("usr/local/bin/npm", "../lib/node_modules/npm/bin/npm-cli.js");
        l.symlink("usr/local/bin/npx", "../lib/node_modules/npm/bin/npx-cli.js");
        l.file("usr/local/lib/node_modules/npm/package.json", utf8("{\"name\":\"npm\",\"version\":\"10.2.4\"}\n"));
        l.file("usr/local/lib/node_modules/npm/bin/npm-cli.js", DemoContent.js("npm-cli", 2_000));
        l.file("usr/local/lib/node_modules/npm/bin/npx-cli.js", DemoContent.js("npx-cli", 2_000));
        for (int i = 0; i < 120; i++) {
            l.file("usr/local/lib/node_modules/npm/lib/commands/c" + i + ".js", DemoContent.js("npm" + i, 8_000));
        }
        for (int i = 0; i < 40; i++) {
            l.file("usr/local/include/node/h" + i + ".h", text("node header " + i, 10_000));
        }
    }

    /**
     * {@code RUN apt-get update && apt-get install -y curl build-essential}: apt lists, apt's binary caches, the
     * compilers and headers (each owned by a package in dpkg's status and .list files), curl, apt's logs.
     */
    static void aptInstall(DemoLayer l) {
        for (int i = 0; i < LIST_FILES.size(); i++) {
            String name = LIST_FILES.get(i);
            l.file(LISTS + name, name.endsWith("Packages") ? packagesList(name, LIST_SIZES[i]) : text(name,
                    LIST_SIZES[i]), Plant.APT_LISTS);
        }
        l.file(LISTS + "lock", new byte[0], Plant.APT_LISTS);
        l.dir(LISTS + "partial");
        l.file("var/cache/apt/pkgcache.bin", binary("pkgcache", 1_050_000), Plant.APT_CACHE);
        l.file("var/cache/apt/srcpkgcache.bin", binary("srcpkgcache", 1_000_000), Plant.APT_CACHE);
        StringBuilder status = new StringBuilder();
        for (String p : BASE_PACKAGES) {
            status.append(dpkgStatus(p, "1.0-1", "libs"));
        }
        for (Tool t : TOOLS) {
            StringBuilder list = new StringBuilder("/.\n/usr\n");
            for (String[] f : t.files()) {
                l.file(f[0], f[0].endsWith(".h") ? text(f[0], Integer.parseInt(f[1]))
                        : binary(f[0], Integer.parseInt(f[1])), t.plant() ? Plant.BUILD_TOOLS : null);
                list.append('/').append(f[0]).append('\n');
            }
            l.file("var/lib/dpkg/info/" + t.name() + ".list", utf8(list.toString()));
            l.file("var/lib/dpkg/info/" + t.name() + ".md5sums", utf8(hex(t.name(), 32) + "  " + t.files()[0][0]
                    + "\n"));
            status.append(dpkgStatus(t.name(), t.version(), t.plant() ? "devel" : "web"));
        }
        l.file("var/lib/dpkg/status", utf8(status.toString()));
        l.symlink("usr/bin/gcc", "gcc-12");
        l.symlink("usr/bin/cc", "gcc");
        l.symlink("usr/bin/g++", "g++-12");
        l.file("var/log/apt/history.log", DemoContent.log("apt-history", 9_000), Plant.APT_LOGS);
        l.file("var/log/apt/term.log", DemoContent.log("apt-term", 60_000), Plant.APT_LOGS);
        l.file("var/log/dpkg.log", DemoContent.log("dpkg", 80_000), Plant.APT_LOGS);
    }

    /** {@code RUN rm -rf /var/lib/apt/lists/*}: whiteouts, so the lists' bytes are hidden but still shipped. */
    static void removeAptLists(DemoLayer l) {
        for (String name : LIST_FILES) {
            l.whiteout(LISTS + name);
        }
        l.whiteout(LISTS + "lock");
        l.whiteout(LISTS + "partial");
    }

    /** A Debian package the demo installs, with the files its .list names. */
    private record Tool(String name, String version, boolean plant, String[][] files) {
    }

    private static final List<Tool> TOOLS = tools();

    private static List<Tool> tools() {
        List<Tool> t = new ArrayList<>();
        String gcc = "usr/lib/gcc/x86_64-linux-gnu/12/";
        t.add(new Tool("gcc-12", "12.2.0-14", true, new String[][] {{"usr/bin/gcc-12", "300000"},
            {gcc + "collect2", "70000"}, {gcc + "lto-wrapper", "50000"}}));
        t.add(new Tool("cpp-12", "12.2.0-14", true, new String[][] {{gcc + "cc1", "900000"},
            {"usr/bin/cpp-12", "300000"}}));
        t.add(new Tool("g++-12", "12.2.0-14", true, new String[][] {{gcc + "cc1plus", "1000000"},
            {"usr/bin/g++-12", "300000"}}));
        t.add(new Tool("make", "4.3-4.1", true, new String[][] {{"usr/bin/make", "250000"}}));
        t.add(new Tool("binutils-x86-64-linux-gnu", "2.40-2", true, new String[][] {
            {"usr/bin/x86_64-linux-gnu-ld.bfd", "600000"}, {"usr/bin/x86_64-linux-gnu-as", "250000"},
            {"usr/lib/x86_64-linux-gnu/libbfd-2.40-system.so", "500000"}}));
        t.add(new Tool("libc6-dev", "2.36-9", true, headers("usr/include/", 120, 6_000,
                new String[] {"usr/lib/x86_64-linux-gnu/libc.a", "600000"})));
        t.add(new Tool("linux-libc-dev", "6.1.69-1", true, headers("usr/include/linux/", 200, 3_000, null)));
        t.add(new Tool("libssl-dev", "3.0.11-1", true, headers("usr/include/openssl/", 60, 5_000,
                new String[] {"usr/lib/x86_64-linux-gnu/libcrypto.a", "500000"})));
        t.add(new Tool("build-essential", "12.9", true, new String[][] {
            {"usr/share/build-essential/essential-packages-list", "2000"}}));
        t.add(new Tool("curl", "7.88.1-10", false, new String[][] {{"usr/bin/curl", "280000"}}));
        t.add(new Tool("libcurl4", "7.88.1-10", false, new String[][] {
            {"usr/lib/x86_64-linux-gnu/libcurl.so.4.8.0", "650000"}}));
        return t;
    }

    private static String[][] headers(String dir, int count, int size, String[] extra) {
        String[][] out = new String[count + (extra == null ? 0 : 1)][];
        for (int i = 0; i < count; i++) {
            out[i] = new String[] {dir + "h" + i + ".h", Integer.toString(size + (i % 7) * 300)};
        }
        if (extra != null) {
            out[count] = extra;
        }
        return out;
    }

    private static String dpkgStatus(String pkg, String version, String section) {
        return "Package: " + pkg + "\nStatus: install ok installed\nPriority: optional\nSection: " + section
                + "\nInstalled-Size: " + (pkg.length() * 911) + "\nMaintainer: Debian Maintainers"
                + " <maintainers@example.org>\nArchitecture: amd64\nVersion: " + version
                + "\nDescription: " + pkg + " package\n\n";
    }

    /** An apt Packages index: stanzas with names, versions, sizes and hashes, like the real file. */
    private static byte[] packagesList(String seed, int size) {
        StringBuilder sb = new StringBuilder(size + 1000);
        int i = 0;
        byte[] filler = text(seed, 4_000);
        String words = new String(filler, java.nio.charset.StandardCharsets.UTF_8).replace('\n', ' ');
        while (sb.length() < size) {
            String name = "pkg" + i;
            int off = (i * 37) % 3_000;
            sb.append("Package: ").append(name).append("\nVersion: 1.").append(i % 50).append("-")
                    .append(i % 7).append("\nInstalled-Size: ").append(100 + i % 9000)
                    .append("\nMaintainer: Debian Maintainers <maintainers@example.org>\nArchitecture: amd64")
                    .append("\nDescription: ").append(words, off, off + 60).append("\nFilename: pool/main/p/")
                    .append(name).append('/').append(name).append("_1.0_amd64.deb\nSize: ").append(1000 + i * 13)
                    .append("\nSHA256: ").append(hex(seed + i, 64)).append("\n\n");
            i++;
        }
        return java.util.Arrays.copyOf(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), size);
    }
}
