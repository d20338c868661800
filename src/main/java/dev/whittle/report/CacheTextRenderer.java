package dev.whittle.report;

import dev.whittle.fs.CacheInventory;
import dev.whittle.image.ByteSize;
import java.util.Locale;

/** The text of {@code whittle cache}: size against the cap, a line per kind, optionally every entry. */
public final class CacheTextRenderer {
    private CacheTextRenderer() {
    }

    /** The report; {@code entries} adds the table of every entry. */
    public static String render(CacheInventory c, boolean entries) {
        StringBuilder s = new StringBuilder();
        if (!c.pruned().isEmpty()) {
            long freed = c.pruned().stream().mapToLong(CacheInventory.Entry::bytes).sum();
            s.append("Pruned ").append(c.pruned().size()).append(c.pruned().size() == 1 ? " entry (" : " entries (")
                    .append(ByteSize.format(freed)).append("), least recently used first.\n\n");
        }
        s.append("Cache ").append(c.dir()).append(": ").append(ByteSize.format(c.bytes())).append(" of a ")
                .append(ByteSize.format(c.maxBytes())).append(" cap, ").append(c.entries().size())
                .append(c.entries().size() == 1 ? " entry\n\n" : " entries\n\n");
        TextTable kinds = new TextTable("KIND", ">ENTRIES", ">SIZE", "");
        for (var k : c.kinds()) {
            String note = "";
            if (k.kind().equals("layer-index") && c.bytesPerFile() != null) {
                note = String.format(Locale.ROOT, "%,d files indexed, %.1f bytes per file", c.indexedFiles(),
                        c.bytesPerFile());
            }
            kinds.row(k.kind(), k.entries(), ByteSize.format(k.bytes()), note);
        }
        s.append(kinds.render());
        if (entries && !c.entries().isEmpty()) {
            TextTable t = new TextTable("KIND", "KEY", ">SIZE", ">FILES", "LAST USED");
            for (CacheInventory.Entry e : c.entries()) {
                t.row(e.kind(), e.key(), ByteSize.format(e.bytes()), e.files() == null ? "" : e.files(),
                        e.lastUsed());
            }
            s.append('\n').append(t.render());
        }
        return s.toString();
    }
}
