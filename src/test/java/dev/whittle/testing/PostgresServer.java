package dev.whittle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL server: a fresh cluster ({@code initdb}) in a temp dir, listening on 127.0.0.1 at a
 * free port with trust authentication, {@code fsync} off (a test's data need not survive a power cut), stopped and
 * deleted by {@link #close()}. The server refuses to run as root, so as root it runs as the {@code postgres} user
 * (the Debian package creates it) through {@code runuser}, in a directory that user owns. Tests call
 * {@link #available()} first and skip when no PostgreSQL is installed.
 */
public final class PostgresServer implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path bin, Path dir, int port, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** The newest installed server's {@code bin} directory ({@code /usr/lib/postgresql/N/bin}), if any. */
    public static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether a server can be started here: binaries present, and as root a {@code postgres} user to run as. */
    public static boolean available() {
        if (binaries().isEmpty()) {
            return false;
        }
        return !isRoot() || ExternalTool.run("id", "-u", "postgres").exitCode() == 0;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Initialises and starts a new cluster; about a second. */
    public static PostgresServer start() {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed"));
        boolean asPostgres = isRoot();
        try {
            // not under a private temp dir: the postgres user must be able to reach it
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "whittle-pg-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (asPostgres) {
                ExternalTool.run("chown", "postgres:postgres", dir.toString()).requireSuccess("chown " + dir);
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            PostgresServer server = new PostgresServer(bin, dir, port, asPostgres);
            Path data = dir.resolve("data");
            server.runAsServerUser(bin.resolve("initdb").toString(), "-D", data.toString(), "--auth=trust",
                    "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C").requireSuccess("initdb");
            server.runAsServerUser(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                    "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start")
                    .requireSuccess("pg_ctl start");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ExternalTool.Result runAsServerUser(String... command) {
        List<String> cmd = new ArrayList<>();
        if (asPostgres) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(command));
        return ExternalTool.run(cmd.toArray(String[]::new));
    }

    public int port() {
        return port;
    }

    /** Creates a database {@code name} and returns its {@code postgresql://} URL, as a user passes it to --db. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database names here are plain identifiers: " + name);
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("CREATE DATABASE " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    /** {@code postgresql://postgres@127.0.0.1:PORT/name}. */
    public String url(String name) {
        return "postgresql://postgres@127.0.0.1:" + port + "/" + name;
    }

    /** A JDBC connection to database {@code name} as the superuser, for a test to look inside. */
    public Connection connect(String name) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/" + name, p);
    }

    /** Stops the server at once (no checkpoint: its data is thrown away) and deletes the cluster. */
    @Override
    public void close() {
        runAsServerUser(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                "stop");
        ExternalTool.run("rm", "-rf", dir.toString());
    }
}
