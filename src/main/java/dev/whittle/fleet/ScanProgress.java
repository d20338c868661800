package dev.whittle.fleet;

/**
 * Told how far a scan has come, after each tag. Called from the scanning thread.
 */
@FunctionalInterface
public interface ScanProgress {
    /** Ignores everything. */
    ScanProgress NONE = s -> { };

    /**
     * Where the scan is.
     *
     * @param tagsDone       tags of this shard resolved and recorded (or failed)
     * @param tagsTotal      tags of this shard
     * @param imagesMeasured images (manifests) this process measured
     * @param imagesKnown    images found measured already (by another shard or an earlier scan)
     * @param layersAnalysed unique layers this process downloaded and analysed
     * @param layersReused   layer lookups answered from the database
     * @param bytesMoved     layer bytes downloaded
     * @param elapsedNanos   time since the scan started
     */
    record Status(int tagsDone, int tagsTotal, int imagesMeasured, int imagesKnown, int layersAnalysed,
                  int layersReused, long bytesMoved, long elapsedNanos) {
        /** The estimated time left, from the tags done so far; -1 before the first. */
        public long etaNanos() {
            return tagsDone == 0 ? -1 : elapsedNanos * (tagsTotal - tagsDone) / tagsDone;
        }
    }

    void update(Status status);
}
