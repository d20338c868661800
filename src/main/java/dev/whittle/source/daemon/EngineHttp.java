package dev.whittle.source.daemon;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough HTTP/1.1 to talk to a container engine: one request per connection ({@code Connection: close}), a
 * status line, headers, and a body delimited by {@code Content-Length}, chunked encoding, or the connection's end.
 */
final class EngineHttp {
    private static final int MAX_HEADER_BYTES = 64 << 10;

    private EngineHttp() {
    }

    /** An open connection's two directions plus what closes it. */
    record Connection(InputStream in, OutputStream out, Closeable closer) {
    }

    /** A response whose body streams from the connection; closing it closes the connection. */
    record Response(int status, Map<String, String> headers, InputStream body) implements Closeable {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The whole body, up to {@code limit} bytes, as text (for JSON answers and error messages). */
        String text(int limit) throws IOException {
            return new String(body.readNBytes(limit), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** Sends one request (with an optional body) and reads the response head. */
    static Response exchange(Connection c, String method, String path, Map<String, String> headers, InputStream body,
                             long bodyLength) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: docker\r\nUser-Agent: whittle\r\nConnection: close\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(bodyLength).append("\r\n");
        }
        head.append("\r\n");
        OutputStream out = c.out();
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            body.transferTo(out);
        }
        out.flush();
        InputStream in = new BufferedInputStream(c.in(), 1 << 16);
        String status = readLine(in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("engine answered something that is not HTTP: [" + status + "]");
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("engine answered a bad status line: [" + status + "]");
        }
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        int total = 0;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            total += line.length();
            if (total > MAX_HEADER_BYTES) {
                throw new IOException("engine response headers exceed " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                responseHeaders.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        InputStream bodyStream;
        String te = responseHeaders.get("transfer-encoding");
        String length = responseHeaders.get("content-length");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            bodyStream = new ChunkedInputStream(in);
        } else if (length != null) {
            bodyStream = new BoundedInputStream(in, Long.parseLong(length.trim()));
        } else {
            bodyStream = in;
        }
        return new Response(code, responseHeaders, new ClosingInputStream(bodyStream, c.closer()));
    }

    /** Reads a CRLF- (or LF-) terminated line; the end of the stream before any byte is an error. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() > MAX_HEADER_BYTES) {
                throw new IOException("engine sent a line longer than " + MAX_HEADER_BYTES + " bytes");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            throw new EOFException("engine closed the connection before answering");
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Exactly {@code length} bytes; ending sooner is an error, not a short body. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("engine closed the connection " + left + " bytes before the body's end");
            }
            left -= n;
            return n;
        }
    }

    /** Closes the connection along with the body. */
    private static final class ClosingInputStream extends java.io.FilterInputStream {
        private final Closeable closer;

        ClosingInputStream(InputStream in, Closeable closer) {
            super(in);
            this.closer = closer;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            closer.close();
        }
    }
}
