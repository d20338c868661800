package dev.whittle.fs;

/**
 * Told how far loading has come. Called from worker threads, at most every few megabytes and once per finished layer;
 * implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface LoadProgress {
    /** A progress listener that ignores everything. */
    LoadProgress NONE = (bytes, layersDone, layersTotal) -> { };

    /**
     * @param bytesRead   uncompressed tar bytes consumed so far, all layers together (skipped content included)
     * @param layersDone  layers fully indexed
     * @param layersTotal layers in the image
     */
    void update(long bytesRead, int layersDone, int layersTotal);
}
