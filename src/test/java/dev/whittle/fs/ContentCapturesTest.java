package dev.whittle.fs;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ContentCapturesTest {

    /** Keeps the first {@code limit} bytes of each file whose path ends with {@code suffix}. */
    private static class Keeper implements CachedCapture {
        final String suffix;
        final int limit;
        final Map<String, byte[]> kept = new ConcurrentHashMap<>();

        Keeper(String suffix, int limit) {
            this.suffix = suffix;
            this.limit = limit;
        }

        @Override
        public boolean wants(int layer, String path, long size) {
            return path.endsWith(suffix);
        }

        @Override
        public void accept(int layer, String path, long size, InputStream content) throws IOException {
            kept.put(layer + path, content.readNBytes(limit));
        }

        @Override
        public String signature() {
            return "keeper " + suffix + " " + limit;
        }

        @Override
        public void save(int layer, DataOutputStream out) throws IOException {
            out.writeInt(kept.size());
            for (Map.Entry<String, byte[]> e : kept.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
        }

        @Override
        public void restore(int layer, DataInputStream in) throws IOException {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String k = in.readUTF();
                kept.put(k, in.readNBytes(in.readInt()));
            }
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @Test
    void aFileBothWantIsReadOnceAndEachGetsAllOfIt() {
        byte[] small = bytes(5_000);
        byte[] large = bytes(ContentCaptures.MAX_IN_MEMORY + 1_000); // spooled to a temporary file
        Keeper first = new Keeper(".db", 100); // reads only the start: the second must still get everything
        Keeper second = new Keeper(".db", Integer.MAX_VALUE);
        Keeper onlyJson = new Keeper(".json", Integer.MAX_VALUE);
        ContentCapture both = ContentCaptures.both(first, ContentCaptures.both(second, onlyJson));
        FilesystemLoader.load(InMemoryImage.of(layer().file("a.db", small).file("b.db", large)
                .file("c.json", "{}").build()), LoadProgress.NONE, 2, LayerIndexCache.NONE, both);
        assertThat(first.kept.get("0/a.db")).isEqualTo(java.util.Arrays.copyOf(small, 100));
        assertThat(first.kept.get("0/b.db")).isEqualTo(java.util.Arrays.copyOf(large, 100));
        assertThat(second.kept.get("0/a.db")).isEqualTo(small);
        assertThat(second.kept.get("0/b.db")).isEqualTo(large);
        assertThat(onlyJson.kept).containsOnlyKeys("0/c.json");
        assertThat(first.kept).doesNotContainKey("0/c.json");
    }

    @Test
    void aPairOfCachedCapturesIsCachedAndRestoresBoth() throws IOException {
        Keeper a = new Keeper(".db", 10);
        Keeper b = new Keeper(".json", 10);
        ContentCapture pair = ContentCaptures.both(a, b);
        assertThat(pair).isInstanceOf(CachedCapture.class);
        CachedCapture cached = (CachedCapture) pair;
        assertThat(cached.signature()).contains(a.signature()).contains(b.signature());
        a.kept.put("0/x.db", bytes(10));
        b.kept.put("0/y.json", bytes(3));
        var out = new java.io.ByteArrayOutputStream();
        cached.save(0, new DataOutputStream(out));
        Keeper a2 = new Keeper(".db", 10);
        Keeper b2 = new Keeper(".json", 10);
        ((CachedCapture) ContentCaptures.both(a2, b2)).restore(0,
                new DataInputStream(new ByteArrayInputStream(out.toByteArray())));
        assertThat(a2.kept.get("0/x.db")).isEqualTo(bytes(10));
        assertThat(b2.kept.get("0/y.json")).isEqualTo(bytes(3));
        // a plain capture beside a cached one: the pair is not cached (it could not restore the plain one)
        ContentCapture plain = new ContentCapture() {
            @Override
            public boolean wants(int layer, String path, long size) {
                return false;
            }

            @Override
            public void accept(int layer, String path, long size, InputStream content) {
            }
        };
        assertThat(ContentCaptures.both(a, plain)).isNotInstanceOf(CachedCapture.class);
        assertThat(ContentCaptures.both(ContentCapture.NONE, a)).isSameAs(a);
    }
}
