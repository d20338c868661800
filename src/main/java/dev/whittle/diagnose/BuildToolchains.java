package dev.whittle.diagnose;

import dev.whittle.fs.EntryType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * WX005: compilers, headers and build tools in the final image, from the package databases: dpkg's
 * {@code /var/lib/dpkg/status} with {@code info/*.list}, and apk's {@code /lib/apk/db/installed}. The bytes are the
 * files those packages own that are present in the final filesystem.
 */
final class BuildToolchains implements Detector {
    static final String ID = "WX005";
    private static final String DPKG_STATUS = "/var/lib/dpkg/status";
    private static final String DPKG_INFO = "/var/lib/dpkg/info/";
    private static final String APK_DB = "/lib/apk/db/installed";
    private static final Pattern DEB_TOOL = Pattern.compile("^(?:build-essential|gcc(?:-\\d+)?"
            + "|g\\+\\+(?:-\\d+)?|cpp(?:-\\d+)?|make|binutils(?:-.*)?|clang(?:-\\d+)?|llvm(?:-\\d+)?(?:-dev)?|cmake"
            + "|autoconf|automake|libtool|pkg-config|pkgconf|dpkg-dev|libgcc-\\d+-dev|libstdc\\+\\+-\\d+-dev|.+-dev)$");
    private static final Pattern APK_TOOL = Pattern.compile("^(?:build-base|gcc|g\\+\\+|musl-dev|libc-dev|make"
            + "|binutils|clang\\d*|llvm\\d*|cmake|autoconf|automake|libtool|pkgconf|linux-headers|fortify-headers"
            + "|.+-dev)$");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "build toolchains in the final image";
    }

    @Override
    public boolean wantsContent(String path, long size) {
        if (path.equals(DPKG_STATUS) || path.equals(APK_DB)) {
            return true;
        }
        return path.startsWith(DPKG_INFO) && path.endsWith(".list") && DEB_TOOL.matcher(debName(path)).matches();
    }

    /** {@code /var/lib/dpkg/info/libc6-dev:amd64.list} gives {@code libc6-dev}. */
    private static String debName(String listPath) {
        String base = listPath.substring(DPKG_INFO.length(), listPath.length() - ".list".length());
        int colon = base.indexOf(':');
        return colon < 0 ? base : base.substring(0, colon);
    }

    @Override
    public List<Detection> detect(ImageFacts facts) {
        Map<String, List<String>> owned = new LinkedHashMap<>(); // package -> files it owns
        Optional<byte[]> status = facts.visibleContent(DPKG_STATUS);
        if (status.isPresent()) {
            Set<String> installed = dpkgInstalled(new String(status.get(), StandardCharsets.UTF_8));
            facts.files().contents().forEach((key, bytes) -> {
                String path = key.path();
                if (path.startsWith(DPKG_INFO) && path.endsWith(".list") && installed.contains(debName(path))
                        && facts.visibleContent(path).isPresent() && facts.union().providerLayer(facts.find(path))
                        == key.layer()) {
                    owned.put(debName(path), List.of(new String(bytes, StandardCharsets.UTF_8).split("\n")));
                }
            });
        }
        facts.visibleContent(APK_DB).ifPresent(db -> apkOwned(new String(db, StandardCharsets.UTF_8), owned));
        if (owned.isEmpty()) {
            return List.of();
        }
        EvidenceBuilder b = new EvidenceBuilder(facts);
        Map<String, Long> bytesOf = new LinkedHashMap<>();
        Set<Integer> seen = new HashSet<>();
        owned.forEach((pkg, files) -> {
            for (String f : files) {
                int id = f.isEmpty() ? -1 : facts.find(f);
                if (id < 0 || !facts.union().exists(id) || !seen.add(id)) {
                    continue;
                }
                int layer = facts.union().providerLayer(id);
                int row = facts.union().providerRow(id);
                if (layer >= 0 && facts.layer(layer).type(row) == EntryType.FILE) {
                    b.add(layer, row, id, facts.layer(layer).contentBytes(row), -1);
                    bytesOf.merge(pkg, facts.layer(layer).contentBytes(row), Long::sum);
                }
            }
        });
        if (b.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>(bytesOf.keySet());
        names.sort(Comparator.comparing((String n) -> bytesOf.get(n)).reversed().thenComparing(n -> n));
        LayerRef where = b.evidence().get(0).source();
        boolean apk = !facts.visibleContent(APK_DB).isEmpty() && status.isEmpty();
        String fix = "Build in a separate stage and copy only the result into a final stage that never installs "
                + String.join(", ", names) + (apk ? " (`FROM alpine AS build` with `apk add build-base`, then `COPY"
                + " --from=build`)." : " (`FROM ... AS build` with `apt-get install build-essential`, then `COPY"
                + " --from=build`).");
        if (RunLine.isRun(where)) {
            fix += " Or, in one RUN (" + RunLine.where(where) + "), install, build, then `"
                    + (apk ? "apk del " : "apt-get purge -y --auto-remove ") + String.join(" ", names) + "`.";
        } else {
            fix += " They come with " + where.instruction() + " (" + RunLine.where(where) + "): a slimmer base"
                    + " without compilers may do.";
        }
        String title = "build toolchain in the final image: " + (names.size() <= 6 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 6)) + " and " + (names.size() - 6) + " more") + " ("
                + names.size() + (names.size() == 1 ? " package)" : " packages)");
        return List.of(b.detection(ID, title, Severity.ofShare(b.bytes(), facts.contentBytes()), fix, List.of(
                "Native modules (node-gyp, Python C extensions) compiled at run time need the toolchain: build them"
                        + " in the build stage too.",
                "Runtime libraries some -dev packages pull in (libssl3 for libssl-dev) must stay: install them by"
                        + " name in the final stage.")));
    }

    /** Packages whose status is {@code install ok installed}. */
    static Set<String> dpkgInstalled(String status) {
        Set<String> out = new HashSet<>();
        for (String stanza : status.split("\n\n")) {
            String name = null;
            boolean installed = false;
            for (String line : stanza.split("\n")) {
                if (line.startsWith("Package: ")) {
                    name = line.substring(9).strip();
                } else if (line.startsWith("Status: ")) {
                    installed = line.strip().endsWith(" installed");
                }
            }
            if (name != null && installed) {
                out.add(name);
            }
        }
        return out;
    }

    /** Adds the files apk's database lists for each build-tool package. */
    static void apkOwned(String db, Map<String, List<String>> owned) {
        for (String stanza : db.split("\n\n")) {
            String name = null;
            String dir = "";
            List<String> files = new ArrayList<>();
            for (String line : stanza.split("\n")) {
                if (line.startsWith("P:")) {
                    name = line.substring(2).strip();
                } else if (line.startsWith("F:")) {
                    dir = line.substring(2).strip();
                } else if (line.startsWith("R:")) {
                    files.add("/" + (dir.isEmpty() ? "" : dir + "/") + line.substring(2).strip());
                }
            }
            if (name != null && APK_TOOL.matcher(name).matches()) {
                owned.put(name, files);
            }
        }
    }
}
