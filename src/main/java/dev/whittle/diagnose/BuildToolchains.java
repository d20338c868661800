package dev.whittle.diagnose;

import dev.whittle.fs.EntryType;
import dev.whittle.packages.InstalledPackage;
import dev.whittle.packages.PackageScan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * WX005: compilers, headers and build tools (and git) in the final image, from the installed OS packages
 * ({@link PackageScan}: dpkg, apk, rpm). The fix removes them the way the package manager would
 * ({@code apt-get purge --auto-remove}, {@code apk del}, {@code dnf remove}): with the dependencies only they need, and
 * never a tool another kept package depends on. The bytes are the files only removed packages own, measured in the
 * final filesystem; the finding cites each removed package with its bytes and the layer that installed it.
 */
final class BuildToolchains implements Detector {
    static final String ID = "WX005";
    private static final Pattern DEB_TOOL = Pattern.compile("^(?:build-essential|gcc(?:-\\d+)?"
            + "|g\\+\\+(?:-\\d+)?|cpp(?:-\\d+)?|make|binutils(?:-.*)?|clang(?:-\\d+)?|llvm(?:-\\d+)?(?:-dev)?|cmake"
            + "|autoconf|automake|libtool|pkg-config|pkgconf|dpkg-dev|libgcc-\\d+-dev|libstdc\\+\\+-\\d+-dev|git"
            + "|.+-dev)$");
    private static final Pattern APK_TOOL = Pattern.compile("^(?:build-base|gcc|g\\+\\+|musl-dev|libc-dev|make"
            + "|binutils|clang\\d*|llvm\\d*|cmake|autoconf|automake|libtool|pkgconf|linux-headers|fortify-headers|git"
            + "|.+-dev)$");
    private static final Pattern RPM_TOOL = Pattern.compile("^(?:gcc|gcc-c\\+\\+|cpp|make|binutils|clang|llvm"
            + "|cmake|autoconf|automake|libtool|pkgconf(?:-pkg-config)?|kernel-headers|git|git-core|.+-devel)$");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "build toolchains in the final image";
    }

    /** True for an OS package that builds software and is not needed to run it. */
    static boolean isTool(InstalledPackage p) {
        return switch (p.ecosystem()) {
            case "deb" -> DEB_TOOL.matcher(p.name()).matches();
            case "apk" -> APK_TOOL.matcher(p.name()).matches();
            case "rpm" -> RPM_TOOL.matcher(p.name()).matches();
            default -> false;
        };
    }

    @Override
    public List<Detection> detect(ImageFacts facts) {
        PackageScan scan = facts.packages();
        List<InstalledPackage> tools = scan.inventory().packages().stream().filter(BuildToolchains::isTool).toList();
        if (tools.isEmpty()) {
            return List.of();
        }
        PackageScan.Removal removal = scan.removal(tools);
        Set<Integer> freed = new HashSet<>();
        for (int id : removal.files()) {
            freed.add(id);
        }
        EvidenceBuilder b = new EvidenceBuilder(facts);
        Set<InstalledPackage> roots = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        roots.addAll(tools);
        List<CitedPackage> cited = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int dependencies = 0;
        Set<Integer> claimed = new HashSet<>();
        for (InstalledPackage p : removal.removed()) {
            long bytes = 0;
            for (int id : scan.files(p)) {
                if (!freed.contains(id) || !claimed.add(id)) {
                    continue; // another package that stays owns it too, or an earlier cited package claimed it
                }
                int layer = facts.union().providerLayer(id);
                int row = facts.union().providerRow(id);
                if (layer >= 0 && facts.layer(layer).type(row) == EntryType.FILE) {
                    long size = facts.layer(layer).contentBytes(row);
                    b.add(layer, row, id, size, -1);
                    bytes += size;
                }
            }
            boolean root = roots.contains(p);
            if (root) {
                names.add(p.name());
            } else {
                dependencies++;
            }
            cited.add(new CitedPackage(p.ecosystem(), p.name(), p.version(), p.purl(), facts.ref(p.layer()), bytes,
                    root ? "build tool" : "needed only by the build tools"));
        }
        if (b.isEmpty() || names.isEmpty()) {
            return List.of();
        }
        cited.sort(java.util.Comparator.comparingLong(CitedPackage::bytes).reversed()
                .thenComparing(CitedPackage::name));
        LayerRef where = b.evidence().get(0).source();
        String eco = removal.removed().get(0).ecosystem();
        String remove = switch (eco) {
            case "apk" -> "apk del ";
            case "rpm" -> "dnf remove -y ";
            default -> "apt-get purge -y --auto-remove ";
        };
        String fix = "Build in a separate stage and copy only the result into a final stage that never installs "
                + String.join(", ", names) + (eco.equals("apk") ? " (`FROM alpine AS build` with `apk add build-base`,"
                + " then `COPY --from=build`)." : " (`FROM ... AS build` with the build tools installed, then `COPY"
                + " --from=build`).");
        if (RunLine.isRun(where)) {
            fix += " Or, in one RUN (" + RunLine.where(where) + "), install, build, then `" + remove
                    + String.join(" ", names) + "`.";
        } else {
            fix += " They come with " + where.instruction() + " (" + RunLine.where(where) + "): a slimmer base"
                    + " without compilers may do.";
        }
        String title = "build toolchain in the final image: " + (names.size() <= 6 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 6)) + " and " + (names.size() - 6) + " more") + " ("
                + names.size() + (names.size() == 1 ? " package" : " packages")
                + (dependencies == 0 ? "" : ", and " + dependencies + (dependencies == 1 ? " dependency" : " dependencies")
                        + " only they need") + ")";
        List<String> caveats = new ArrayList<>(List.of(
                "Native modules (node-gyp, Python C extensions) compiled at run time need the toolchain: build them"
                        + " in the build stage too.",
                "Runtime libraries some -dev packages pull in (libssl3 for libssl-dev) must stay: install them by"
                        + " name in the final stage."));
        Set<String> removedNames = new HashSet<>();
        removal.removed().forEach(p -> removedNames.add(p.name()));
        removal.kept().stream().sorted(java.util.Comparator.comparing(InstalledPackage::name)).limit(5).forEach(k -> {
            List<String> by = k.closure() == null ? List.of() : k.closure().requiredBy().stream()
                    .filter(n -> !removedNames.contains(n)).toList();
            caveats.add(k.name() + " stays: " + (by.isEmpty() ? "a package that stays needs it"
                    : "needed by " + String.join(", ", by.subList(0, Math.min(5, by.size())))
                    + (by.size() > 5 ? " and " + (by.size() - 5) + " more" : "")) + ".");
        });
        Detection d = b.detection(ID, title, Severity.ofShare(b.bytes(), facts.contentBytes()), fix, caveats);
        return List.of(new Detection(d.finding().withPackages(cited), d.claims()));
    }
}
