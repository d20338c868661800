package dev.whittle.image;

/** One entry of a config's {@code history}: what built a step, and whether it made a layer. */
public record HistoryEntry(String created, String createdBy, String comment, boolean emptyLayer) {
}
