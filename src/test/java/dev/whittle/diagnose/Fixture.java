package dev.whittle.diagnose;

import dev.whittle.fs.InMemoryImage;
import dev.whittle.fs.LoadProgress;
import dev.whittle.image.HistoryEntry;
import dev.whittle.testing.LayerTarBuilder;
import java.util.ArrayList;
import java.util.List;

/** Builds an image layer by layer (each with the instruction that made it) and explains it. */
final class Fixture {
    private final List<HistoryEntry> history = new ArrayList<>();
    private final List<byte[]> tars = new ArrayList<>();
    private ExplainOptions options = ExplainOptions.DEFAULTS;

    static Fixture image() {
        return new Fixture();
    }

    /** A layer made by {@code createdBy} as the history records it, e.g. {@code RUN /bin/sh -c make # buildkit}. */
    Fixture layer(String createdBy, LayerTarBuilder tar) {
        history.add(new HistoryEntry("2024-01-01T00:00:00Z", createdBy, null, false));
        tars.add(tar.build());
        return this;
    }

    /** A history step without a layer ({@code CMD}, {@code ENV}). */
    Fixture step(String createdBy) {
        history.add(new HistoryEntry("2024-01-01T00:00:00Z", createdBy, null, true));
        return this;
    }

    Fixture options(ExplainOptions o) {
        options = o;
        return this;
    }

    Explanation explain() {
        return Explainer.explain(InMemoryImage.withHistory(history, tars.toArray(byte[][]::new)), options,
                LoadProgress.NONE);
    }

    /** The findings with this id. */
    static List<Finding> findings(Explanation x, String id) {
        return x.findings().stream().filter(f -> f.id().equals(id)).toList();
    }

    /** The one finding with this id whose title contains {@code text}. */
    static Finding finding(Explanation x, String id, String text) {
        List<Finding> found = x.findings().stream().filter(f -> f.id().equals(id) && f.title().contains(text))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + id + " finding containing \"" + text + "\", got "
                    + x.findings().stream().map(f -> f.id() + " " + f.title()).toList());
        }
        return found.get(0);
    }

    /** Every path group of a finding, all evidence together. */
    static List<PathGroup> groups(Finding f) {
        return f.evidence().stream().flatMap(e -> e.paths().stream()).toList();
    }
}
