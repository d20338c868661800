package dev.whittle.fs;

import java.io.IOException;
import java.io.InputStream;

/**
 * Walks an uncompressed tar entry by entry, reading headers only (content is skipped, so a stream whose {@code skip}
 * seeks reads a few bytes per entry), and says where each entry's bytes lie: its records start where the previous
 * entry ended (PAX and GNU long-name records come first), its content starts after them, and content and padding end
 * at {@link #end}. For a caller that copies chosen entries by offset ({@code slim}); the parsing is
 * {@link LayerIndexer}'s, so both see the same entries.
 */
public final class TarEntrySpans {
    private final TarHeaderReader tar;
    private long start;
    private long dataStart;
    private long end;

    /** Walks {@code in} from its first byte; it is not closed. */
    public TarEntrySpans(InputStream in) {
        this.tar = new TarHeaderReader(in);
    }

    /**
     * Moves to the next entry; false at the end of the archive.
     *
     * @throws RuntimeException for a malformed header (a {@code TarFormatException} with a short reason)
     */
    public boolean next() throws IOException {
        start = end;
        if (!tar.next()) {
            return false;
        }
        dataStart = tar.position();
        end = tar.entryEnd();
        return true;
    }

    /** Where the current entry's records start. */
    public long start() {
        return start;
    }

    /** Where its content starts (its records end). */
    public long dataStart() {
        return dataStart;
    }

    /** Where its content and padding end. */
    public long end() {
        return end;
    }

    /** Its name as written (PAX or GNU long names applied), not normalised. */
    public String name() {
        return tar.nameText();
    }

    /** Its type flag, e.g. {@code '0'} for a file, {@code '5'} for a directory. */
    public char type() {
        return tar.type;
    }

    /** True for a GNU sparse file, whose stored bytes are not its content. */
    public boolean sparse() {
        return tar.sparse;
    }
}
