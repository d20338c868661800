package dev.whittle.source.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.ImageReference;
import dev.whittle.image.SourceUnavailableException;
import dev.whittle.image.UsageException;
import dev.whittle.source.SourceOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP/1.1 pieces, and engine faults podman will not produce, from a tiny engine on a unix socket. */
class EngineHttpTest {
    @TempDir
    Path tmp;

    @Test
    void chunked_decodesExtensionsAndTrailers() throws IOException {
        String wire = "5;name=x\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n";
        ChunkedInputStream in = new ChunkedInputStream(
                new ByteArrayInputStream(wire.getBytes(StandardCharsets.US_ASCII)));
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello, world");
    }

    @Test
    void chunked_endingEarlyIsAnError() {
        String wire = "a\r\nhello";
        ChunkedInputStream in = new ChunkedInputStream(
                new ByteArrayInputStream(wire.getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("middle of a chunk");
        ChunkedInputStream noEnd = new ChunkedInputStream(new ByteArrayInputStream("3\r\nabc\r\n".getBytes()));
        assertThatThrownBy(noEnd::readAllBytes).isInstanceOf(IOException.class)
                .hasMessageContaining("before the end of the chunked body");
    }

    @Test
    void dockerHost_unixTcpAndNonsense() {
        assertThat(EngineEndpoint.fromEnvironment(Map.of()).socket()).isEqualTo(EngineEndpoint.DEFAULT_SOCKET);
        assertThat(EngineEndpoint.fromEnvironment(Map.of("DOCKER_HOST", "unix:///run/podman/podman.sock")).socket())
                .isEqualTo(Path.of("/run/podman/podman.sock"));
        EngineEndpoint tcp = EngineEndpoint.parse("tcp://127.0.0.1:2375");
        assertThat(tcp.host()).isEqualTo("127.0.0.1");
        assertThat(tcp.port()).isEqualTo(2375);
        assertThat(tcp.toString()).isEqualTo("tcp://127.0.0.1:2375");
        assertThatThrownBy(() -> EngineEndpoint.parse("ssh://box")).isInstanceOf(UsageException.class)
                .hasMessageContaining("unix:///path or tcp://host:port");
    }

    @Test
    void engineBreakingOffMidExport_isAOneLineError() throws Exception {
        Path socket = tmp.resolve("fake.sock");
        byte[] partial = new byte[5000];
        List<String> answers = List.of(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n"
                        + "{\"Id\":\"sha256:00\",\"RepoTags\":[\"x:1\"]}   ",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2000\r\n");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread engine = new Thread(() -> {
                for (String answer : answers) {
                    try (SocketChannel c = server.accept()) {
                        readHead(c);
                        OutputStream out = Channels.newOutputStream(c);
                        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        if (answer.contains("chunked")) {
                            out.write(partial);
                        }
                        out.flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            engine.start();
            EngineClient client = new EngineClient(EngineEndpoint.parse("unix://" + socket));
            assertThatThrownBy(() -> DaemonImageSource.open(new ImageReference.Daemon("x:1"),
                    SourceOptions.defaults(), client)).isInstanceOf(SourceUnavailableException.class)
                    .hasMessage("engine at unix://" + socket + " broke off the export of image x:1 after 5000 bytes:"
                            + " engine closed the connection in the middle of a chunk");
            engine.join(5000);
        }
        try (var s = Files.list(dev.whittle.source.TempFiles.dir())) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("whittle-daemon"))
                    .filter(p -> Files.isRegularFile(p) && sizeIs(p, 5000))).isEmpty();
        }
    }

    private static boolean sizeIs(Path p, long size) {
        try {
            return Files.size(p) == size;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads a request head up to the blank line. */
    private static void readHead(SocketChannel c) throws IOException {
        var in = Channels.newInputStream(c);
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            state = (b == '\r' && state % 2 == 0) || (b == '\n' && state % 2 == 1) ? state + 1 : 0;
        }
    }
}
