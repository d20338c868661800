package dev.whittle.source.daemon;

import dev.whittle.image.UsageException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the engine listens: a unix socket path or a TCP host and port, from {@code DOCKER_HOST}
 * ({@code unix:///run/docker.sock}, {@code tcp://host:2375}) or the default socket.
 *
 * @param socket the unix socket, or null for TCP
 * @param host   the TCP host, or null for a socket
 * @param port   the TCP port
 */
public record EngineEndpoint(Path socket, String host, int port) {
    /** Docker's default socket. */
    public static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** From {@code DOCKER_HOST} in {@code env}, else the default socket. */
    public static EngineEndpoint fromEnvironment(Map<String, String> env) {
        String value = env.get("DOCKER_HOST");
        return value == null || value.isBlank() ? new EngineEndpoint(DEFAULT_SOCKET, null, 0) : parse(value);
    }

    /** Parses a {@code DOCKER_HOST} value. */
    public static EngineEndpoint parse(String value) {
        if (value.startsWith("unix://")) {
            String path = value.substring("unix://".length());
            if (path.isEmpty()) {
                throw new UsageException("DOCKER_HOST [" + value + "] names no socket path");
            }
            return new EngineEndpoint(Path.of(path), null, 0);
        }
        if (value.startsWith("tcp://") || value.startsWith("http://")) {
            URI uri = URI.create(value);
            if (uri.getHost() == null) {
                throw new UsageException("DOCKER_HOST [" + value + "] names no host");
            }
            return new EngineEndpoint(null, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 2375);
        }
        throw new UsageException("DOCKER_HOST [" + value + "] is not supported: use unix:///path or tcp://host:port"
                + " (TLS to the engine is not supported)");
    }

    /** Opens a fresh connection, one per request. */
    EngineHttp.Connection connect() throws IOException {
        if (socket != null) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            return new EngineHttp.Connection(Channels.newInputStream(ch), Channels.newOutputStream(ch), ch);
        }
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new EngineHttp.Connection(s.getInputStream(), s.getOutputStream(), s);
    }

    @Override
    public String toString() {
        return socket != null ? "unix://" + socket : "tcp://" + host + ":" + port;
    }
}
