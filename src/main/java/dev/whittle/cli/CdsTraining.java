package dev.whittle.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.whittle.image.Digest;
import dev.whittle.image.ImageReference;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.Layer;
import dev.whittle.source.SourceOptions;
import dev.whittle.diagnose.ExplainOptions;
import dev.whittle.explore.ExploreModel;
import dev.whittle.fs.LoadProgress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The workload {@code mvn package} runs once with {@code -XX:ArchiveClassesAtExit} to write the class-data sharing
 * archive {@code target/whittle.jsa} that {@code ./whittle} starts with. Every class a command loads and the archive
 * holds is mapped at start-up instead of being read from the jar, parsed and verified (a few hundred milliseconds
 * per run for the image commands, which load 2,000-3,400 classes). So the workload runs every command on the
 * bundled examples, and reads an image from a registry served on the loopback interface, to cover the HTTP client
 * and the registry code as well; {@code explore}, which needs a terminal, runs on one over pipes with scripted keys.
 * Not part of the CLI.
 *
 * <p>Usage: {@code java -XX:ArchiveClassesAtExit=whittle.jsa -cp whittle.jar dev.whittle.cli.CdsTraining EXAMPLES
 * SCRATCH}
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path examples = Path.of(args[0]);
        Path scratch = Files.createDirectories(Path.of(args[1]));
        String before = examples.resolve("demo-before.tar.gz").toString();
        String after = examples.resolve("demo-after.tar.gz").toString();
        String dockerfile = examples.resolve("Dockerfile.before").toString();
        Path config = scratch.resolve("whittle.yml");
        Files.writeString(config, "ci:\n  max-size: 100MB\n  max-wasted-bytes: 10MB\n  min-efficiency: 90%\n"
                + "  forbid: ['**/.git']\n  fail-on: high\n");

        List<String[]> runs = new ArrayList<>(List.of(
                new String[] {"--version"},
                new String[] {"--help"},
                new String[] {"lint", dockerfile},
                new String[] {"lint", "--format", "json", dockerfile},
                new String[] {"lint", "--format", "sarif", dockerfile},
                new String[] {"fix", dockerfile},
                new String[] {"dockerignore", "--dockerfile", dockerfile, examples.toString()},
                new String[] {"inspect", before},
                new String[] {"inspect", "--json", after},
                new String[] {"inspect", "--json", "--no-verify", before},
                new String[] {"ls", "--du", "--depth", "2", before},
                new String[] {"find", before, "**/*.log"},
                new String[] {"explain", "--dockerfile", dockerfile, before},
                new String[] {"explain", "--json", after},
                new String[] {"compare", before, after},
                new String[] {"ci", "--config", config.toString(), "--format", "junit", before},
                new String[] {"report", "-o", scratch.resolve("report.html").toString(), before},
                new String[] {"packages", before},
                new String[] {"packages", "--format", "cyclonedx", after},
                // slim's plan (with --drop: explain's detectors), then a write: the squash, gzip on every core, the
                // archive, and the before/after read-back; into the scratch directory
                new String[] {"slim", "--drop", "logs,vcs,language-caches", before},
                new String[] {"slim", "-q", "--json", before, "-o",
                        "oci-archive:" + scratch.resolve("slim-oci.tar")},
                new String[] {"slim", "-q", before, "-o", "docker-archive:" + scratch.resolve("slim.tar")},
                new String[] {"explore", "--help"}));
        // image commands keep their layer cache in the scratch directory, never in the builder's home; the second
        // run of an image takes its warm path, so the cache's classes are archived too
        String layerCache = scratch.resolve("layer-cache").toString();
        List<String> imageCommands = List.of("inspect", "ls", "find", "explain", "compare", "ci", "report");
        for (int i = 0; i < runs.size(); i++) {
            String[] run = runs.get(i);
            if (imageCommands.contains(run[0])) {
                List<String> withCache = new ArrayList<>(List.of(run[0], "--cache-dir", layerCache));
                withCache.addAll(List.of(run).subList(1, run.length));
                runs.set(i, withCache.toArray(String[]::new));
            }
        }
        runs.add(new String[] {"cache", "--cache-dir", layerCache});
        runs.add(new String[] {"cache", "--json", "--cache-dir", layerCache});
        int failed = 0;
        try (LoopbackRegistry registry = LoopbackRegistry.serving(after)) {
            String ref = "docker://" + registry.host() + "/demo/app:1";
            String cache = scratch.resolve("cache").toString();
            runs.add(new String[] {"inspect", "--plain-http", "--cache-dir", cache, ref}); // cold
            runs.add(new String[] {"inspect", "--json", "--plain-http", "--cache-dir", cache, ref}); // warm
            runs.add(new String[] {"size", "--plain-http", "--instances", "50", "--bandwidth", "1Gbit/s", ref});
            for (String[] run : runs) {
                int code = Main.run(run, new PrintWriter(OutputStream.nullOutputStream()),
                        new PrintWriter(OutputStream.nullOutputStream()));
                if (code > 1) { // 1 is a lint finding or a failed rule: the command ran to its end
                    failed++;
                    System.err.println("cds training: exit " + code + " from whittle " + String.join(" ", run));
                }
            }
        }
        failed += explore(before, dockerfile);
        System.err.println("cds training: " + (runs.size() + 1) + " commands, " + failed + " failed");
    }

    /**
     * {@code whittle explore} without a terminal: the command's own load, then its session on a JLine terminal over
     * pipes, driven by a scripted key sequence (move through the layers, switch views, fold, filter, the help
     * screen, jump from a finding, quit), so the explorer's and JLine's classes are archived too.
     */
    static int explore(String image, String dockerfile) {
        String keys = "jjj\f\u0001\t jj\u0000\u0000\u0002s/*.log\r\u001b?\u001b\t\t\r\u001b[B\u001b[6~q";
        CountDownLatch drawn = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Image img = ImageSources.open(ImageReference.parse(image), SourceOptions.defaults());
             PipedOutputStream typing = new PipedOutputStream();
             Terminal terminal = TerminalBuilder.builder().system(false).name("whittle-cds").type("xterm-256color")
                     .size(new Size(100, 30)).encoding(StandardCharsets.UTF_8)
                     .streams(new PipedInputStream(typing, 1 << 12), OutputStream.nullOutputStream()).build()) {
            ExploreModel model = ExploreCommand.load(img, ExplainOptions.DEFAULTS.withDockerfile(dockerfile,
                    Files.readString(Path.of(dockerfile))), LoadProgress.NONE);
            Thread session = new Thread(() -> {
                try {
                    ExploreCommand.session(model, terminal, true, frame -> drawn.countDown());
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "cds-explore");
            session.start();
            // Keys typed before the session puts the terminal in raw mode would wait for a line end.
            if (!drawn.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no first frame");
            }
            typing.write(keys.getBytes(StandardCharsets.UTF_8));
            typing.flush();
            session.join(60_000);
            if (session.isAlive() || failure.get() != null) {
                throw new IllegalStateException(session.isAlive() ? "q did not quit" : failure.get().toString());
            }
            return 0;
        } catch (IOException | RuntimeException | InterruptedException e) {
            System.err.println("cds training: whittle explore failed: " + e);
            return 1;
        }
    }

    /** A read-only Distribution API serving one image, with gzip layers, on 127.0.0.1. */
    private static final class LoopbackRegistry implements AutoCloseable {
        private final HttpServer server;

        private LoopbackRegistry(HttpServer server) {
            this.server = server;
        }

        static LoopbackRegistry serving(String archive) throws IOException {
            Map<String, byte[]> blobs = new HashMap<>();
            byte[] manifest;
            try (Image image = ImageSources.open(ImageReference.parse(archive), SourceOptions.defaults())) {
                StringBuilder layers = new StringBuilder();
                for (Layer layer : image.layers()) {
                    byte[] gz = gzip(layer);
                    String digest = put(blobs, gz);
                    layers.append(layers.isEmpty() ? "" : ",")
                            .append(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", digest, gz.length));
                }
                byte[] config = image.rawConfig();
                manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                        + "\"config\":" + descriptor("application/vnd.oci.image.config.v1+json", put(blobs, config),
                        config.length) + ",\"layers\":[" + layers + "]}").getBytes(StandardCharsets.UTF_8);
            }
            String manifestDigest = Digest.sha256(manifest).toString();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v2/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                if (path.equals("/v2/")) {
                    reply(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), null);
                } else if (path.endsWith("/manifests/1") || path.endsWith("/manifests/" + manifestDigest)) {
                    reply(exchange, 200, "application/vnd.oci.image.manifest.v1+json", manifest, manifestDigest);
                } else if (path.contains("/blobs/") && blobs.containsKey(path.substring(path.lastIndexOf('/') + 1))) {
                    String digest = path.substring(path.lastIndexOf('/') + 1);
                    reply(exchange, 200, "application/octet-stream", blobs.get(digest), digest);
                } else {
                    reply(exchange, 404, "application/json",
                            "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}".getBytes(StandardCharsets.UTF_8), null);
                }
            });
            server.start();
            return new LoopbackRegistry(server);
        }

        String host() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }

        private static byte[] gzip(Layer layer) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream tar = layer.openTar(); OutputStream gz = new GZIPOutputStream(out)) {
                tar.transferTo(gz);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        private static String put(Map<String, byte[]> blobs, byte[] bytes) {
            String digest = Digest.sha256(bytes).toString();
            blobs.put(digest, bytes);
            return digest;
        }

        private static String descriptor(String mediaType, String digest, long size) {
            return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
        }

        private static void reply(HttpExchange exchange, int status, String type, byte[] body, String digest)
                throws IOException {
            exchange.getResponseHeaders().set("Content-Type", type);
            if (digest != null) {
                exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
            }
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        }
    }
}
