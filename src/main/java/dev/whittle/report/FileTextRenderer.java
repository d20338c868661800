package dev.whittle.report;

import dev.whittle.fs.EntryType;
import dev.whittle.fs.FileEntry;
import dev.whittle.fs.LayerChange;
import dev.whittle.image.ByteSize;
import java.util.Locale;

/** Renders file listings ({@code ls}, {@code ls --layer}, {@code find}) for people. */
public final class FileTextRenderer {
    private FileTextRenderer() {
    }

    /** {@code ls -l} columns, names indented as a tree below the listed path; {@code du} shows directory totals. */
    public static String listing(FileListing listing, boolean du) {
        return listing(listing, du, 0);
    }

    /** {@link #listing(FileListing, boolean)} with names cut in the middle to fit {@code width} (0: whole). */
    public static String listing(FileListing listing, boolean du, int width) {
        TextTable table = new TextTable("MODE", "OWNER", ">SIZE", ">LAYER", "NAME").pathsInLastColumn();
        int base = listing.entries().isEmpty() ? 0 : listing.entries().get(0).depth();
        boolean pathIsDir = !listing.entries().isEmpty() && listing.entries().get(0).type() == EntryType.DIR
                && listing.entries().size() > 1;
        for (FileEntry e : listing.entries()) {
            int level = e.depth() - base;
            String name = level == 0 ? e.path() : "  ".repeat(level - 1) + e.name();
            if (e.type() == EntryType.DIR && !name.endsWith("/")) {
                name += "/";
            }
            if (e.linkTarget() != null) {
                name += (e.type() == EntryType.HARDLINK ? " => " : " -> ") + e.linkTarget();
            }
            long size = e.type() == EntryType.DIR ? (du ? e.totalBytes() : -1) : e.size();
            table.row(modeString(e.type(), e.mode()), e.uid() + ":" + e.gid(), size < 0 ? "-" : ByteSize.format(size),
                    e.layer() < 0 ? "-" : e.layer(), name);
        }
        StringBuilder out = new StringBuilder();
        if (!listing.path().equals(listing.resolvedPath())) {
            out.append(HumanText.line(listing.path())).append(" -> ").append(HumanText.line(listing.resolvedPath()))
                    .append('\n');
        }
        out.append(table.render(width));
        if (pathIsDir && du) {
            out.append("total ").append(ByteSize.format(listing.entries().get(0).totalBytes())).append('\n');
        }
        return out.toString();
    }

    /** One layer's changes: {@code A} added, {@code M} modified, {@code D} deleted. */
    public static String layerChanges(LayerListing listing) {
        return layerChanges(listing, 0);
    }

    /** {@link #layerChanges(LayerListing)} with paths cut in the middle to fit {@code width} (0: whole). */
    public static String layerChanges(LayerListing listing, int width) {
        StringBuilder out = new StringBuilder();
        out.append("Layer ").append(listing.layer()).append(": ").append(HumanText.line(listing.instruction()))
                .append('\n');
        TextTable table = new TextTable("", ">SIZE", "PATH").pathsInLastColumn();
        long added = 0;
        for (LayerChange c : listing.changes()) {
            String mark = switch (c.change()) {
                case ADDED -> "A";
                case MODIFIED -> "M";
                case DELETED -> "D";
            };
            String path = c.path() + (c.type() == EntryType.DIR ? "/" : "")
                    + (c.linkTarget() != null ? " -> " + c.linkTarget() : "");
            table.row(mark, c.type() == EntryType.DIR ? "-" : ByteSize.format(c.size()), path);
            if (c.change() != dev.whittle.fs.ChangeKind.DELETED) {
                added += c.size();
            }
        }
        out.append(table.render(width));
        out.append(Plural.of(listing.changes().size(), "change")).append(", ").append(ByteSize.format(added)).append(" added\n");
        return out.toString();
    }

    /** Matches with sizes, then a total line. */
    public static String find(FindResult result) {
        return find(result, 0);
    }

    /** {@link #find(FindResult)} with paths cut in the middle to fit {@code width} (0: whole). */
    public static String find(FindResult result, int width) {
        StringBuilder out = new StringBuilder();
        if (result.matches().isEmpty()) {
            return "no files match " + HumanText.line(String.join(" ", result.patterns())) + "\n";
        }
        TextTable table = new TextTable(">SIZE", ">LAYER", "PATH").pathsInLastColumn();
        for (FileEntry e : result.matches()) {
            table.row(ByteSize.format(e.totalBytes()), e.layer() < 0 ? "-" : e.layer(),
                    e.path() + (e.type() == EntryType.DIR ? "/" : ""));
        }
        out.append(table.render(width));
        out.append(String.format(Locale.ROOT, "%,d matches, %s%n", result.matches().size(),
                ByteSize.format(result.totalBytes())));
        return out.toString();
    }

    /** {@code drwxr-xr-x} style. */
    static String modeString(EntryType type, int mode) {
        char kind = switch (type) {
            case DIR -> 'd';
            case SYMLINK -> 'l';
            case HARDLINK, FILE -> '-';
            default -> '?';
        };
        StringBuilder s = new StringBuilder().append(kind);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        if ((mode & 04000) != 0) {
            s.setCharAt(3, s.charAt(3) == 'x' ? 's' : 'S');
        }
        if ((mode & 02000) != 0) {
            s.setCharAt(6, s.charAt(6) == 'x' ? 's' : 'S');
        }
        if ((mode & 01000) != 0) {
            s.setCharAt(9, s.charAt(9) == 'x' ? 't' : 'T');
        }
        return s.toString();
    }
}
