package dev.whittle.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a small text input whole (a Dockerfile, a config file, standard input) the one safe way: at most
 * {@link Limits#MAX_TEXT_INPUT} bytes (so {@code /dev/zero} is refused after 16 MiB, not after 4 GB and an
 * {@code OutOfMemoryError}), strict UTF-8 with the offset of the first bad byte (not Java's "Input length = 1").
 * Failures are {@link IOException}s whose message completes "cannot read FILE: ...".
 */
public final class TextInput {
    private TextInput() {
    }

    /** The text of {@code file}. */
    public static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** The text of {@code in} (not closed). */
    public static String read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(Limits.MAX_TEXT_INPUT + 1);
        if (bytes.length > Limits.MAX_TEXT_INPUT) {
            throw new IOException("larger than " + Limits.describe(Limits.MAX_TEXT_INPUT)
                    + ", the limit for a text input (docs/limits.md)");
        }
        return decode(bytes);
    }

    /** Strict UTF-8: a byte sequence that is not UTF-8 is an error naming its offset, never a replacement char. */
    public static String decode(byte[] bytes) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new IOException(String.format("not UTF-8 text: byte 0x%02x at offset %d (line %d); save the file"
                    + " as UTF-8", bytes[at] & 0xff, at, line));
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
