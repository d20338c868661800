package dev.whittle.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.Digest;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store itself, on real files: atomic entries, damaged entries as misses, a full disk, pruning, stat keys. */
class LayerCacheTest {
    @TempDir
    Path dir;

    private static final Digest BLOB = Digest.sha256(new byte[] {1});
    private static final Digest DIFF = Digest.sha256(new byte[] {2});

    private LayerCache cache() {
        return new LayerCache(dir, CacheOptions.DEFAULT_MAX_BYTES, LayerCache.OutputFilter.NONE);
    }

    private long files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void entries_areStoredAtomicallyUnderTheirKind() throws IOException {
        LayerCache cache = cache();
        assertThat(cache.find(LayerCache.LAYER_INDEX, DIFF)).isEmpty();
        assertThatThrownBy(() -> cache.store(LayerCache.LAYER_INDEX, DIFF, out -> {
            out.write(1);
            throw new IOException("abandoned");
        })).hasMessage("abandoned");
        assertThat(files()).isZero();
        Path p = cache.store(LayerCache.LAYER_INDEX, DIFF, out -> out.write(new byte[] {4, 2}));
        assertThat(p).isEqualTo(dir.resolve("layer-index/sha256/" + DIFF.hex()));
        assertThat(cache.find(LayerCache.LAYER_INDEX, DIFF)).contains(p);
        assertThat(Files.readAllBytes(p)).containsExactly(4, 2);
        assertThatThrownBy(() -> cache.path("../x", DIFF)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFullDisk_storesNothingAndRemembersNothing() throws IOException {
        // every entry's stream fails with ENOSPC's message after 10 bytes, as a full file system does
        LayerCache full = new LayerCache(dir, CacheOptions.DEFAULT_MAX_BYTES, out -> new FilterOutputStream(out) {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 10) {
                    throw new IOException("No space left on device");
                }
                super.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }
        });
        assertThatThrownBy(() -> full.store(LayerCache.LAYER_INDEX, DIFF, out -> out.write(new byte[100])))
                .hasMessageContaining("No space left");
        StatKey key = new StatKey(1, 2, 3, 4, 5, 0, 3);
        full.remember(key, new VerifiedDigests(BLOB, DIFF)); // best effort: no exception
        assertThat(files()).isZero();
        assertThat(full.recall(key)).isEmpty();
        assertThat(cache().find(LayerCache.LAYER_INDEX, DIFF)).isEmpty();
    }

    @Test
    void verifiedDigests_roundTripUnderTheirStatKey() {
        LayerCache cache = cache();
        StatKey key = new StatKey(1, 2, 3, 4, 5, 0, 3);
        cache.remember(key, new VerifiedDigests(BLOB, DIFF));
        assertThat(cache.recall(key)).contains(new VerifiedDigests(BLOB, DIFF));
        assertThat(cache.recall(new StatKey(1, 2, 3, 4, 6, 0, 3))).isEmpty(); // ctime differs
        assertThat(cache.recall(new StatKey(1, 2, 3, 4, 5, 1, 3))).isEmpty(); // another region of the file
    }

    @Test
    void damagedTruncatedForeignOrOlderVerifiedEntries_areMisses() throws IOException {
        LayerCache cache = cache();
        StatKey key = new StatKey(7, 8, 9, 10, 11, 12, 13);
        cache.remember(key, new VerifiedDigests(BLOB, DIFF));
        Path entry = dir.resolve(LayerCache.VERIFIED_FILES).resolve("sha256")
                .resolve(Digest.sha256(key.text().getBytes()).hex());
        byte[] good = Files.readAllBytes(entry);
        for (int length = 0; length < good.length; length++) {
            Files.write(entry, Arrays.copyOf(good, length));
            assertThat(cache.recall(key)).as("cut at %d", length).isEmpty();
        }
        for (int at = 0; at < good.length; at++) {
            byte[] bad = good.clone();
            bad[at] ^= 0x20;
            Files.write(entry, bad);
            assertThat(cache.recall(key)).as("byte %d flipped", at).isEmpty();
        }
        byte[] older = good.clone();
        older[7] = (byte) (LayerCache.VERIFIED_VERSION - 1); // a well-formed entry of an older format
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(older, 0, older.length - 8);
        java.nio.ByteBuffer.wrap(older, older.length - 8, 8).putLong(crc.getValue());
        Files.write(entry, older);
        assertThat(cache.recall(key)).isEmpty();
        // another key's entry copied under this name
        StatKey other = new StatKey(7, 8, 9, 10, 11, 12, 14);
        Files.write(entry, LayerCache.encodeVerified(other, new VerifiedDigests(BLOB, DIFF)));
        assertThat(cache.recall(key)).isEmpty();
        cache.remember(key, new VerifiedDigests(BLOB, DIFF)); // rebuilt
        assertThat(cache.recall(key)).contains(new VerifiedDigests(BLOB, DIFF));
    }

    @Test
    void prune_removesLeastRecentlyUsedFirst_andAUseRefreshesAnEntry() throws IOException {
        LayerCache cache = cache();
        Digest a = Digest.sha256(new byte[] {10});
        Digest b = Digest.sha256(new byte[] {11});
        Digest c = Digest.sha256(new byte[] {12});
        for (Digest d : List.of(a, b, c)) {
            Path p = cache.store(LayerCache.LAYER_INDEX, d, out -> out.write(new byte[1000]));
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(3600)));
        }
        Files.setLastModifiedTime(cache.path(LayerCache.LAYER_INDEX, b),
                FileTime.from(Instant.now().minusSeconds(7200))); // b is the oldest
        assertThat(cache.find(LayerCache.LAYER_INDEX, a)).isPresent(); // a is used now: the newest
        CacheUsage usage = cache.usage();
        assertThat(usage.bytes()).isEqualTo(3000);
        assertThat(usage.entries()).extracting(CacheEntry::key)
                .containsExactly("sha256:" + a.hex(), "sha256:" + c.hex(), "sha256:" + b.hex());
        List<CacheEntry> removed = cache.prune(2000);
        assertThat(removed).extracting(CacheEntry::key).containsExactly("sha256:" + b.hex());
        removed = cache.prune(1000);
        assertThat(removed).extracting(CacheEntry::key).containsExactly("sha256:" + c.hex());
        assertThat(cache.find(LayerCache.LAYER_INDEX, a)).isPresent();
        cache.prune(0);
        assertThat(cache.usage().bytes()).isZero();
    }

    @Test
    void enforceCap_prunesUnderTheCapAfterARunThatStored() throws IOException {
        LayerCache small = new LayerCache(dir, 2500, LayerCache.OutputFilter.NONE);
        small.enforceCap(); // stored nothing: nothing to do
        for (int i = 0; i < 5; i++) {
            Path p = small.store(LayerCache.LAYER_INDEX, Digest.sha256(new byte[] {(byte) i}),
                    out -> out.write(new byte[1000]));
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(100 - i)));
        }
        assertThat(small.usage().bytes()).isEqualTo(5000);
        small.enforceCap();
        CacheUsage after = small.usage();
        assertThat(after.bytes()).isLessThanOrEqualTo(2000);
        assertThat(after.entries()).extracting(CacheEntry::key)
                .containsExactly("sha256:" + Digest.sha256(new byte[] {4}).hex(),
                        "sha256:" + Digest.sha256(new byte[] {3}).hex());
    }

    @Test
    void staleTempFilesOfKilledRuns_areSwept_freshOnesKept() throws IOException {
        Path alg = Files.createDirectories(dir.resolve("layer-index/sha256"));
        Path stale = Files.writeString(alg.resolve("0123456789ab.1.partial"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(LayerCache.STALE).minusSeconds(60)));
        Path fresh = Files.writeString(alg.resolve("0123456789ab.2.partial"), "writing");
        LayerCache cache = cache();
        assertThat(cache.usage().entries()).isEmpty(); // temp files are never entries
        cache.store(LayerCache.LAYER_INDEX, DIFF, out -> out.write(1));
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void statKey_changesWhenAFileIsRewrittenWithTheSameSizeAndMtime() throws Exception {
        Path f = Files.writeString(dir.resolve("layer.tar"), "aaaa");
        FileTime mtime = Files.getLastModifiedTime(f);
        StatKey before = StatKey.of(f, 0, 4).orElseThrow();
        assertThat(StatKey.of(f, 0, 4)).contains(before);
        Thread.sleep(30);
        Files.writeString(f, "bbbb");
        Files.setLastModifiedTime(f, mtime); // restore the mtime, as tar -x or cp -p would
        StatKey after = StatKey.of(f, 0, 4).orElseThrow();
        assertThat(after.size()).isEqualTo(before.size());
        assertThat(after.mtimeNs()).isEqualTo(before.mtimeNs());
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void aKeyTakenWithinAClockTickOfAChange_isRacy() {
        long now = System.currentTimeMillis() * 1_000_000L + 123;
        StatKey key = new StatKey(1, 2, 3, now, now, 0, 3);
        Instant at = Instant.ofEpochSecond(0, now);
        assertThat(key.racyAt(at)).isTrue();
        assertThat(key.racyAt(at.plusMillis(25))).isFalse();
        StatKey coarse = new StatKey(1, 2, 3, 1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L, 0, 3);
        assertThat(coarse.racyAt(Instant.ofEpochSecond(1_000_000_001L))).isTrue(); // whole-second file system
        assertThat(coarse.racyAt(Instant.ofEpochSecond(1_000_000_003L))).isFalse();
    }

    @Test
    void defaultDir_prefersWhittleCacheDir_thenXdg_thenHome() {
        Path home = Path.of("/home/u");
        assertThat(CacheOptions.defaultDir(Map.of(), home)).isEqualTo(Path.of("/home/u/.cache/whittle"));
        assertThat(CacheOptions.defaultDir(Map.of("XDG_CACHE_HOME", "/xdg"), home)).isEqualTo(Path.of("/xdg/whittle"));
        assertThat(CacheOptions.defaultDir(Map.of("XDG_CACHE_HOME", "/xdg", "WHITTLE_CACHE_DIR", "/ci/cache"), home))
                .isEqualTo(Path.of("/ci/cache"));
    }

    @Test
    void anOutputStreamThatFailsOnClose_leavesNoEntry() throws IOException {
        LayerCache failing = new LayerCache(dir, CacheOptions.DEFAULT_MAX_BYTES, out -> new FilterOutputStream(out) {
            @Override
            public void close() throws IOException {
                super.close();
                throw new IOException("EIO on close");
            }
        });
        assertThatThrownBy(() -> failing.store(LayerCache.LAYER_INDEX, DIFF, (OutputStream out) -> out.write(1)))
                .hasMessageContaining("EIO");
        assertThat(files()).isZero();
    }

    @Test
    void aResultEntry_opensOnlyForItsOwnKey_andOnlyWhole() {
        byte[] payload = "the result".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String longKey = "layer\n".repeat(20_000); // past writeUTF's 64 KiB
        for (String key : List.of("whittle image result 1\nconfig sha256:00\n", longKey)) {
            byte[] entry = LayerCache.sealResult(key, payload);
            assertThat(LayerCache.unsealResult(entry, key)).hasValue(payload);
            assertThat(LayerCache.unsealResult(entry, key + "x")).isEmpty();
            assertThat(LayerCache.unsealResult(Arrays.copyOf(entry, entry.length - 1), key)).isEmpty();
            for (int i = 0; i < entry.length; i += Math.max(1, entry.length / 64)) {
                byte[] damaged = entry.clone();
                damaged[i] ^= 0x01;
                assertThat(LayerCache.unsealResult(damaged, key)).as("byte " + i).isEmpty();
            }
        }
        assertThat(LayerCache.resultName("a")).isNotEqualTo(LayerCache.resultName("b"));
    }
}
