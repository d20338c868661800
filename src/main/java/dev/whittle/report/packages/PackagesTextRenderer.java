package dev.whittle.report.packages;

import dev.whittle.image.ByteSize;
import dev.whittle.packages.InstalledPackage;
import dev.whittle.packages.PackageInventory;
import dev.whittle.report.Percent;
import dev.whittle.report.HumanText;
import dev.whittle.report.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders a package inventory for people: a summary, the packages largest first, closures, layers, notes. */
public final class PackagesTextRenderer {
    /** The operating-system package managers; the others are language ecosystems. */
    private static final java.util.Set<String> OS = java.util.Set.of("deb", "apk", "rpm");

    /** Most OS packages listed under "Largest removals". */
    static final int CLOSURES_SHOWN = 5;

    private PackagesTextRenderer() {
    }

    /** The whole report; {@code limit} caps the package rows (0 = all). */
    public static String render(PackageInventory inv, int limit) {
        StringBuilder out = new StringBuilder();
        PackageInventory.Totals t = inv.totals();
        out.append(inv.image());
        if (inv.os() != null) {
            out.append(" (").append(HumanText.line(inv.os().prettyName() != null ? inv.os().prettyName() : inv.os().distro()))
                    .append(')');
        }
        out.append('\n');
        List<String> parts = new ArrayList<>();
        for (PackageInventory.EcosystemTotal e : inv.ecosystems()) {
            parts.add(e.ecosystem() + " " + e.packages());
        }
        out.append(t.packages()).append(" packages").append(parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")")
                .append(", ").append(ByteSize.format(t.bytes())).append(" in ").append(t.files()).append(" files, ")
                .append(Percent.of(t.bytes(), t.imageBytes())).append(" of the image's ")
                .append(ByteSize.format(t.imageBytes()));
        if (t.sharedFiles() > 0) {
            out.append("; ").append(t.sharedFiles()).append(" files owned by several packages, counted once");
        }
        out.append("\n\n");
        if (!inv.packages().isEmpty()) {
            TextTable table = new TextTable(">SIZE", "TYPE", "NAME", "VERSION", ">LAYER", "NOTE");
            int shown = 0;
            for (InstalledPackage p : inv.packages()) {
                if (limit > 0 && shown++ >= limit) {
                    break;
                }
                row(table, p); // a method per package: compiled, where this loop, run once, is interpreted
            }
            out.append(table.render());
            if (limit > 0 && inv.packages().size() > limit) {
                out.append("... and ").append(inv.packages().size() - limit).append(" smaller packages (--limit 0 lists all)\n");
            }
        }
        removals(inv, out);
        layers(inv, out);
        if (!inv.notes().isEmpty()) {
            out.append("\nNotes:\n");
            for (String n : inv.notes()) {
                out.append("  ").append(HumanText.line(n)).append('\n');
            }
        }
        return out.toString();
    }

    private static void row(TextTable table, InstalledPackage p) {
        table.row(ByteSize.format(p.installedBytes()), p.ecosystem(), p.name(), p.version(), p.layer(), note(p));
    }

    private static String note(InstalledPackage p) {
        StringBuilder n = new StringBuilder();
        if (Boolean.TRUE.equals(p.dev())) {
            part(n).append("dev dependency");
        }
        if (p.sharedBytes() > 0) {
            part(n).append(ByteSize.format(p.sharedBytes())).append(" shared");
        }
        if (p.hiddenBytes() > 0) {
            part(n).append(ByteSize.format(p.hiddenBytes())).append(" hidden by later layers");
        }
        if (!p.changedIn().isEmpty()) {
            part(n).append("changed in layer ");
            for (int i = 0; i < p.changedIn().size(); i++) {
                n.append(i == 0 ? "" : ", ").append(p.changedIn().get(i));
            }
        }
        if (p.missingPaths() > 0) {
            part(n).append(p.missingPaths()).append(" listed paths missing");
        }
        if (!OS.contains(p.ecosystem())) { // language packages: where they are installed
            part(n).append(p.location());
        }
        return n.toString();
    }

    /** {@code n} ready for one more part of a note: "; " after the parts before it. */
    private static StringBuilder part(StringBuilder n) {
        return n.isEmpty() ? n : n.append("; ");
    }

    /** The OS packages nothing depends on whose removal frees the most (essential ones cannot be removed). */
    private static void removals(PackageInventory inv, StringBuilder out) {
        // the first CLOSURES_SHOWN of a stable sort by bytes freed, largest first, kept as the packages are walked
        List<InstalledPackage> top = new ArrayList<>(CLOSURES_SHOWN + 1);
        for (InstalledPackage p : inv.packages()) {
            consider(top, p);
        }
        if (top.isEmpty()) {
            return;
        }
        out.append("\nLargest removals (packages nothing depends on, with what they pull in):\n");
        for (InstalledPackage p : top) {
            InstalledPackage.Closure c = p.closure();
            out.append("  ").append(HumanText.line(p.name())).append(" pulls ").append(c.packages()).append(" packages, ")
                    .append(ByteSize.format(c.bytes())).append("; removing it frees ")
                    .append(ByteSize.format(c.freesBytes())).append(" (").append(c.freesPackages())
                    .append(c.freesPackages() == 1 ? " package)" : " packages)").append('\n');
        }
    }

    /** Puts {@code p} among the largest removals so far, after those that free as much, if it is one of them. */
    private static void consider(List<InstalledPackage> top, InstalledPackage p) {
        if (p.closure() == null || p.essential() || !p.closure().requiredBy().isEmpty()
                || p.closure().packages() <= 1) {
            return;
        }
        long frees = p.closure().freesBytes();
        int at = top.size();
        while (at > 0 && top.get(at - 1).closure().freesBytes() < frees) {
            at--;
        }
        if (at < CLOSURES_SHOWN) {
            top.add(at, p);
            if (top.size() > CLOSURES_SHOWN) {
                top.remove(CLOSURES_SHOWN);
            }
        }
    }

    /** The layers that added packages. */
    private static void layers(PackageInventory inv, StringBuilder out) {
        Map<Integer, long[]> by = new TreeMap<>();
        for (InstalledPackage p : inv.packages()) {
            count(by, p);
        }
        if (by.size() < 2) {
            return;
        }
        out.append("\nPackages by the layer that added them:\n");
        TextTable table = new TextTable(">LAYER", ">PACKAGES", ">SIZE", "INSTRUCTION");
        for (Map.Entry<Integer, long[]> e : by.entrySet()) {
            String instruction = e.getKey() < inv.layers().size() ? inv.layers().get(e.getKey()).instruction() : "";
            table.row(e.getKey(), e.getValue()[0], ByteSize.format(e.getValue()[1]), shorten(instruction));
        }
        out.append(table.render());
    }

    private static void count(Map<Integer, long[]> by, InstalledPackage p) {
        long[] a = by.computeIfAbsent(p.layer(), k -> new long[2]);
        a[0]++;
        a[1] += p.installedBytes();
    }

    private static String shorten(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }
}
