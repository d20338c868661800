package dev.whittle.policy;

import dev.whittle.image.ByteSize;
import dev.whittle.packages.InstalledPackage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Packages that must not be installed in the image ({@code gcc*}, {@code build-essential}, {@code npm:typescript}).
 *
 * @param config   the file it came from
 * @param patterns the package patterns
 */
record ForbidPackagesRule(String config, List<PackageGlob> patterns) implements Rule {
    static final String KEY = "forbid-packages";

    ForbidPackagesRule {
        patterns = List.copyOf(patterns);
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public RuleResult evaluate(Subject subject) {
        String limit = "none of " + patterns.stream().map(PackageGlob::pattern).collect(Collectors.joining(", "));
        if (subject.packages() == null) {
            return RuleResult.of(KEY, config, Status.SKIP, "unknown", limit, null, 0.0, "packages were not read");
        }
        List<String> details = new ArrayList<>();
        List<Integer> layers = new ArrayList<>();
        long bytes = 0;
        for (InstalledPackage p : subject.packages().packages()) { // largest first
            for (PackageGlob g : patterns) {
                if (g.matches(p.ecosystem(), p.name())) {
                    details.add(p.ecosystem() + " " + p.name() + " " + p.version() + " (" + ByteSize.format(
                            p.installedBytes()) + ", layer " + p.layer() + ", matches " + g.pattern() + ")");
                    layers.add(p.layer());
                    bytes += p.installedBytes();
                    break;
                }
            }
        }
        if (details.isEmpty()) {
            return RuleResult.of(KEY, config, Status.PASS, "0 packages", limit, 0.0, 0.0,
                    "no installed package matches");
        }
        String measured = details.size() + (details.size() == 1 ? " package (" : " packages (")
                + ByteSize.format(bytes) + ")";
        return new RuleResult(KEY, config, Status.FAIL, measured, limit, (double) details.size(), 0.0,
                details.size() + " forbidden " + (details.size() == 1 ? "package is" : "packages are")
                        + " installed, " + ByteSize.format(bytes) + " in all", details).withDetailLayers(layers);
    }
}
