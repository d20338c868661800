package dev.whittle.fs;

import dev.whittle.cache.LayerCache;
import dev.whittle.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The layer-cache entry of what a {@link CachedCapture} kept from one layer: {@code "WCAP"}, format version, the diff
 * id and the capture's signature, the payload's length, the payload, and a CRC-32 of everything before it. Read
 * whole and checked before the capture sees a byte.
 */
final class CapturedEntry {
    static final String KIND = LayerCache.CAPTURED_FILES;
    /** Bump when this layout changes: older entries then read as misses. */
    static final int VERSION = 1;
    private static final byte[] MAGIC = {'W', 'C', 'A', 'P'};

    private CapturedEntry() {
    }

    /** Where the entry of this layer and capture lives: the SHA-256 of the diff id and the signature. */
    static Digest key(Digest diffId, String signature) {
        return Digest.sha256((diffId + "\n" + signature).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] write(Digest diffId, CachedCapture capture, int layer) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream p = new DataOutputStream(payload);
        capture.save(layer, p);
        p.flush();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(all);
        d.write(MAGIC);
        d.writeInt(VERSION);
        d.writeUTF(diffId.toString());
        byte[] signature = capture.signature().getBytes(StandardCharsets.UTF_8);
        d.writeInt(signature.length);
        d.write(signature);
        d.writeInt(payload.size());
        payload.writeTo(d);
        d.flush();
        CRC32 crc = new CRC32();
        crc.update(all.toByteArray());
        d.writeLong(crc.getValue());
        return all.toByteArray();
    }

    /** The payload, once magic, version, diff id, signature, length and checksum all hold. */
    static byte[] read(byte[] bytes, Digest diffId, String signature) throws IOException {
        try {
            if (bytes.length < 16 || !Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)) {
                throw new LayerIndexCodec.CorruptEntryException("not a captured-files entry");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, bytes.length - 8);
            long stored = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
            if (stored != crc.getValue()) {
                throw new LayerIndexCodec.CorruptEntryException("captured-files entry fails its checksum");
            }
            DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(bytes, 4, bytes.length - 12));
            if (d.readInt() != VERSION) {
                throw new LayerIndexCodec.CorruptEntryException("captured-files entry of another version");
            }
            if (!d.readUTF().equals(diffId.toString())) {
                throw new LayerIndexCodec.CorruptEntryException("captured-files entry of another layer");
            }
            int n = d.readInt();
            if (n < 0 || n > bytes.length) {
                throw new LayerIndexCodec.CorruptEntryException("bad signature length");
            }
            byte[] sig = d.readNBytes(n);
            if (!new String(sig, StandardCharsets.UTF_8).equals(signature)) {
                throw new LayerIndexCodec.CorruptEntryException("captured-files entry of another capture");
            }
            int length = d.readInt();
            if (length < 0 || length != d.available()) {
                throw new LayerIndexCodec.CorruptEntryException("captured-files payload length is wrong");
            }
            return d.readNBytes(length);
        } catch (java.io.EOFException | IndexOutOfBoundsException e) {
            throw new LayerIndexCodec.CorruptEntryException("truncated captured-files entry");
        }
    }
}
