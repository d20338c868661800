package dev.whittle.fleet.query;

/**
 * One scan as the reports name it.
 *
 * @param scanId     the scan's id ({@code scans.scan_id})
 * @param registry   the registry it scanned
 * @param startedAt  ISO-8601 UTC
 * @param finishedAt ISO-8601 UTC, or null while a shard is still running
 */
public record ScanRef(String scanId, String registry, String startedAt, String finishedAt) {

    /** True once every shard has finished. */
    public boolean finished() {
        return finishedAt != null;
    }
}
