package dev.whittle.packages;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems one database file had (a corrupt record, a cut line), at most {@link #MAX} kept and the rest counted,
 * so a hostile file cannot flood the output with notes.
 */
final class Notes {
    static final int MAX = 20;

    private final String file;
    private final List<String> kept = new ArrayList<>();
    private int dropped;

    Notes(String file) {
        this.file = file;
    }

    void add(String message) {
        if (kept.size() < MAX) {
            kept.add(file + ": " + message);
        } else {
            dropped++;
        }
    }

    /** An empty record of problems for the same file (for an attempt whose notes may be dropped). */
    Notes sibling() {
        return new Notes(file);
    }

    /** Takes the problems {@code other}, a {@link #sibling()}, noted, as if noted here. */
    void addAll(Notes other) {
        for (String k : other.kept) {
            if (kept.size() < MAX) {
                kept.add(k);
            } else {
                dropped++;
            }
        }
        dropped += other.dropped;
    }

    /** How many problems were noted, kept or not. */
    int count() {
        return kept.size() + dropped;
    }

    /** The notes, each prefixed by the file's path, plus one line counting those dropped. */
    List<String> list() {
        List<String> out = new ArrayList<>(kept);
        if (dropped > 0) {
            out.add(file + ": " + dropped + " more problems not listed");
        }
        return List.copyOf(out);
    }
}
