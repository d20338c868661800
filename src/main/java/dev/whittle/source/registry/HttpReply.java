package dev.whittle.source.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A response whose status and headers have arrived; the body is still on the wire, streamed, and the caller's to
 * read and close. Closing a body before its end drops the connection instead of draining it, so abandoning a large
 * blob never costs its download; {@link #discard()} drains a small body so the connection can be reused.
 *
 * @param status  the HTTP status
 * @param headers header values by name (case-insensitive), in the order they were sent
 * @param body    the body (for status 400 and above, the error body; empty when there is none)
 */
record HttpReply(int status, Map<String, List<String>> headers, InputStream body) {
    /** The most of an abandoned body we read so that its connection can serve the next request. */
    static final int DRAIN_LIMIT = 64 << 10;

    /** Reads the status and headers of {@code c}'s response; the connection then belongs to the reply's body. */
    static HttpReply receive(HttpURLConnection c) throws IOException {
        int status = c.getResponseCode();
        if (status < 0) {
            throw new IOException("not an HTTP response");
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; c.getHeaderField(i) != null; i++) {
            String name = c.getHeaderFieldKey(i);
            if (name != null) { // index 0 is the status line
                headers.computeIfAbsent(name, k -> new ArrayList<>()).add(c.getHeaderField(i));
            }
        }
        InputStream raw = status >= 400 ? c.getErrorStream() : c.getInputStream();
        boolean noBody = raw == null || c.getRequestMethod().equals("HEAD") || status == 204 || status == 304;
        long length = noBody ? 0 : c.getContentLengthLong();
        headers.replaceAll((k, v) -> List.copyOf(v));
        return new HttpReply(status, Collections.unmodifiableMap(headers),
                new Body(raw == null ? InputStream.nullInputStream() : raw, c, length));
    }

    /** The first value of a header, if sent. */
    Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The declared {@code Content-Length}, if any. */
    OptionalLong contentLength() {
        try {
            return header("Content-Length").map(v -> OptionalLong.of(Long.parseLong(v.trim())))
                    .orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Abandons the response: reads what is left of a small body so the connection can be reused, or drops the
     * connection when more than {@value #DRAIN_LIMIT} bytes remain.
     */
    void discard() {
        try (InputStream in = body) {
            in.readNBytes(DRAIN_LIMIT);
        } catch (IOException ignored) {
            // the body of a response we are abandoning does not matter
        }
    }

    /**
     * The body stream: knows when it has reached the end, drops the connection when closed before it, and stops at
     * the next read once its thread is interrupted (a socket read itself cannot be interrupted; the read timeout
     * bounds it).
     */
    private static final class Body extends FilterInputStream {
        private final HttpURLConnection connection;
        private final long length;
        private long consumed;
        private boolean ended;
        private boolean closed;

        Body(InputStream in, HttpURLConnection connection, long length) {
            super(in);
            this.connection = connection;
            this.length = length;
            this.ended = length == 0;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (Thread.currentThread().isInterrupted()) {
                close();
                throw new InterruptedIOException("interrupted");
            }
            int n = in.read(b, off, len);
            if (n < 0) {
                ended = true;
            } else {
                consumed += n;
                ended = length >= 0 && consumed >= length;
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (ended) {
                in.close(); // the JDK returns the connection to its keep-alive pool
            } else {
                connection.disconnect(); // never drain the rest of a body we do not want
            }
        }
    }
}
