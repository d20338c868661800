package dev.whittle.fleet;

import java.util.List;

/**
 * What one {@code fleet scan} process did ({@code --json}); the measurements themselves are in the database.
 *
 * @param scanId                 the scan's id (shards of one scan share it)
 * @param registry               the registry scanned
 * @param database               the database written (never with a password)
 * @param shard                  {@code I/N}
 * @param scanFinished           true when every shard of the scan has finished
 * @param tags                   tags in the whole selection, in this shard, and tag-platform rows recorded
 * @param images                 images measured by this process and found measured already
 * @param layers                 unique layers analysed by this process, layer lookups answered from the database
 * @param bytesDownloaded        layer bytes this process downloaded
 * @param unreadableRepositories repositories whose tags the registry would not list, with the reason
 * @param failures               tags that could not be scanned, with the one-line reason
 */
public record ScanSummary(String scanId, String registry, String database, String shard, boolean scanFinished,
                          Tags tags, Images images, Layers layers, long bytesDownloaded,
                          List<String> unreadableRepositories, List<Failure> failures) {
    public ScanSummary {
        unreadableRepositories = List.copyOf(unreadableRepositories);
        failures = List.copyOf(failures);
    }

    /**
     * @param listed   tags the selection matched, all shards together
     * @param inShard  tags this shard scanned
     * @param recorded tag rows written (one per platform of a multi-platform tag)
     * @param skipped  tags without the platform asked for
     */
    public record Tags(int listed, int inShard, int recorded, int skipped) {
    }

    /**
     * @param measured images this process measured
     * @param known    images measured before (another shard, an earlier scan, another tag of the same image)
     */
    public record Images(int measured, int known) {
    }

    /**
     * @param analysed unique layers this process downloaded and analysed
     * @param reused   layer lookups answered from the database instead
     */
    public record Layers(int analysed, int reused) {
    }

    /**
     * @param reference the tag, {@code repository:tag}
     * @param error     why it could not be scanned
     */
    public record Failure(String reference, String error) {
    }
}
