package dev.whittle.source;

import dev.whittle.cache.LayerCache;
import dev.whittle.cache.StatKey;
import dev.whittle.cache.VerifiedDigests;
import dev.whittle.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * A local file region whose verified reads are remembered in the layer cache under its {@link StatKey}, so a later
 * run recognises the unchanged bytes without reading them, the way git's index recognises an unchanged file. A key
 * is remembered only when the file's stat did not change during the read and its times are older than a clock tick
 * at the start (else a rewrite within the same tick could go unnoticed).
 */
final class RecognisedRegion implements BlobOpener {
    private final FileRegion region;
    private final LayerCache cache;

    RecognisedRegion(FileRegion region, LayerCache cache) {
        this.region = region;
        this.cache = cache;
    }

    @Override
    public InputStream open() throws IOException {
        return region.open();
    }

    @Override
    public boolean seekable() {
        return region.seekable();
    }

    @Override
    public FileRegion localRegion() {
        return region;
    }

    @Override
    public Object location() {
        return region.location();
    }

    @Override
    public Object stamp() {
        return region.stamp();
    }

    /** What a verified read of exactly these bytes proved before; empty when the file changed since. */
    Optional<VerifiedDigests> recalled() {
        return StatKey.of(region.file(), region.offset(), region.length()).flatMap(cache::recall);
    }

    @Override
    public boolean known(Digest blob, Digest diffId) {
        return recalled().map(v -> v.blob().equals(blob) && v.diffId().equals(diffId)).orElse(false);
    }

    @Override
    public Digest knownBlob(Digest diffId) {
        return recalled().filter(v -> v.diffId().equals(diffId)).map(VerifiedDigests::blob).orElse(null);
    }

    @Override
    public VerifiedRead verifiedRead() {
        Instant start = Instant.now();
        Optional<StatKey> before = StatKey.of(region.file(), region.offset(), region.length());
        if (before.isEmpty() || before.get().racyAt(start)) {
            return VerifiedRead.NONE;
        }
        return (blob, diffId) -> {
            if (StatKey.of(region.file(), region.offset(), region.length()).equals(before)) {
                cache.remember(before.get(), new VerifiedDigests(blob, diffId));
            }
        };
    }
}
