package dev.whittle.fs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two captures fed by one read of the layers, so a command that needs explain's files and the package databases
 * (explain, ci, report) still reads each layer once. A file both want is read once: the first capture reads it
 * through a copy kept in memory (in a temporary file above {@link #MAX_IN_MEMORY}), which the second then reads.
 */
public final class ContentCaptures {
    /** Files both captures want and larger than this are copied to a temporary file, not to memory. */
    static final int MAX_IN_MEMORY = 8 << 20;

    private ContentCaptures() {
    }

    /**
     * Both captures, in one. When both can keep what they took in the layer cache, so can the pair (one entry under
     * both signatures), so a warm run of a command using both still reads no layer.
     */
    public static ContentCapture both(ContentCapture first, ContentCapture second) {
        if (first == ContentCapture.NONE) {
            return second;
        }
        if (second == ContentCapture.NONE) {
            return first;
        }
        if (first instanceof CachedCapture a && second instanceof CachedCapture b) {
            return new CachedPair(a, b);
        }
        return new Pair(first, second);
    }

    private static class Pair implements ContentCapture {
        final ContentCapture first;
        final ContentCapture second;

        Pair(ContentCapture first, ContentCapture second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public boolean wants(int layer, String path, long size) {
            return first.wants(layer, path, size) || second.wants(layer, path, size);
        }

        @Override
        public boolean mayWant(byte[] path, int length, long size) {
            return first.mayWant(path, length, size) || second.mayWant(path, length, size);
        }

        @Override
        public void accept(int layer, String path, long size, InputStream content) throws IOException {
            boolean a = first.wants(layer, path, size);
            boolean b = second.wants(layer, path, size);
            if (a && b) {
                acceptBoth(layer, path, size, content);
            } else if (a) {
                first.accept(layer, path, size, content);
            } else if (b) {
                second.accept(layer, path, size, content);
            }
        }

        private void acceptBoth(int layer, String path, long size, InputStream content) throws IOException {
            if (size <= MAX_IN_MEMORY) {
                ByteArrayOutputStream copy = new ByteArrayOutputStream((int) Math.max(size, 0));
                TeeInputStream tee = new TeeInputStream(content, copy);
                first.accept(layer, path, size, tee);
                tee.drain();
                second.accept(layer, path, size, new ByteArrayInputStream(copy.toByteArray()));
                return;
            }
            Path spool = Files.createTempFile("whittle-capture", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(spool)) {
                    TeeInputStream tee = new TeeInputStream(content, out);
                    first.accept(layer, path, size, tee);
                    tee.drain();
                }
                try (InputStream in = Files.newInputStream(spool)) {
                    second.accept(layer, path, size, in);
                }
            } finally {
                Files.deleteIfExists(spool);
            }
        }
    }

    /** A pair of cached captures: one cache entry holds what both took from a layer. */
    private static final class CachedPair extends Pair implements CachedCapture {
        private final CachedCapture a;
        private final CachedCapture b;

        CachedPair(CachedCapture a, CachedCapture b) {
            super(a, b);
            this.a = a;
            this.b = b;
        }

        @Override
        public String signature() {
            return "pair[" + a.signature() + "][" + b.signature() + "]";
        }

        @Override
        public void save(int layer, DataOutputStream out) throws IOException {
            writePart(out, layer, a);
            writePart(out, layer, b);
        }

        private static void writePart(DataOutputStream out, int layer, CachedCapture c) throws IOException {
            ByteArrayOutputStream part = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(part);
            c.save(layer, d);
            d.flush();
            out.writeInt(part.size());
            part.writeTo(out);
        }

        @Override
        public void restore(int layer, DataInputStream in) throws IOException {
            byte[] first = readPart(in);
            byte[] second = readPart(in);
            if (in.read() >= 0) {
                throw new IOException("bytes after both captures' parts");
            }
            // the second first: it is the one more likely to refuse (its parser checks more), and a refusal must
            // leave both as they were
            b.restore(layer, new DataInputStream(new ByteArrayInputStream(second)));
            a.restore(layer, new DataInputStream(new ByteArrayInputStream(first)));
        }

        private static byte[] readPart(DataInputStream in) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > in.available()) {
                throw new IOException("part length " + n + " out of range");
            }
            byte[] bytes = new byte[n];
            in.readFully(bytes);
            return bytes;
        }
    }
}
