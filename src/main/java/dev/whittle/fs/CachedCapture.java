package dev.whittle.fs;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A {@link ContentCapture} whose results for one layer can be kept in the layer cache and handed back on a later run
 * instead of reading the layer again (what {@code explain}'s detectors read: package metadata, candidate secrets).
 * The cache keys the results by the layer's diff id and {@link #signature()}, so a capture that wants other files
 * never sees results kept for another.
 */
public interface CachedCapture extends ContentCapture {

    /**
     * Names what this capture wants and keeps (which files, which limits, hashing or not, and a version bumped when
     * any of these rules change): results kept under another signature are misses.
     */
    String signature();

    /**
     * Writes what was captured from the layer at {@code layer}; throws to abandon the entry (e.g. when a limit cut
     * the capture short, so the results are not what a fresh read would give).
     */
    void save(int layer, DataOutputStream out) throws IOException;

    /**
     * Takes back what {@link #save} wrote, as if captured from the layer at {@code layer} of this image. Reads all of
     * it before changing anything, so malformed input leaves the capture as it was.
     */
    void restore(int layer, DataInputStream in) throws IOException;
}
