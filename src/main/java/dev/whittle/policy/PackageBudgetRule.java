package dev.whittle.policy;

import dev.whittle.image.ByteSize;
import dev.whittle.packages.InstalledPackage;
import dev.whittle.packages.PackageInventory;
import java.util.List;
import java.util.Locale;

/**
 * A budget for installed packages: how many ({@code max-packages}) or how many bytes their files take
 * ({@code max-package-bytes}), over all packages or one ecosystem's. Bytes count each file once, as
 * {@code whittle packages} totals them. Equal to the limit passes.
 *
 * @param key       the configured key ({@code max-package-bytes}, {@code max-package-bytes.npm}, ...)
 * @param config    the file it came from
 * @param bytes     true for a byte budget, false for a count
 * @param ecosystem the ecosystem ({@code deb}, {@code npm}, ...), or null for all packages
 * @param limit     the limit, in bytes or packages
 */
record PackageBudgetRule(String key, String config, boolean bytes, String ecosystem, double limit) implements Rule {

    @Override
    public RuleResult evaluate(Subject subject) {
        String limitText = "<= " + format(limit);
        PackageInventory inv = subject.packages();
        if (inv == null) {
            return RuleResult.of(key, config, Status.SKIP, "unknown", limitText, null, limit,
                    "packages were not read");
        }
        double value;
        if (ecosystem == null) {
            value = bytes ? inv.totals().bytes() : inv.totals().packages();
        } else {
            PackageInventory.EcosystemTotal t = inv.ecosystems().stream().filter(e -> e.ecosystem().equals(ecosystem))
                    .findFirst().orElse(new PackageInventory.EcosystemTotal(ecosystem, 0, 0));
            value = bytes ? t.bytes() : t.packages();
        }
        String what = (ecosystem == null ? "" : ecosystem + " ") + (bytes ? "package bytes" : "packages");
        boolean fail = value > limit;
        String measured = format(value);
        List<String> details = List.of();
        if (fail) {
            // the largest packages of the budget: where to look first
            details = inv.packages().stream().filter(p -> ecosystem == null || p.ecosystem().equals(ecosystem))
                    .limit(10).map(PackageBudgetRule::line).toList();
        }
        String message = fail
                ? String.format(Locale.ROOT, "%s %s is above the limit %s", what, measured, format(limit))
                : String.format(Locale.ROOT, "%s %s is within the limit %s", what, measured, limitText);
        return new RuleResult(key, config, fail ? Status.FAIL : Status.PASS, measured, limitText, value, limit,
                message, details);
    }

    private static String line(InstalledPackage p) {
        return p.ecosystem() + " " + p.name() + " " + p.version() + " (" + ByteSize.format(p.installedBytes())
                + ", layer " + p.layer() + ")";
    }

    private String format(double v) {
        return bytes ? ByteSize.format((long) v) : String.valueOf((long) v);
    }
}
