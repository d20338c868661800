package dev.whittle.fleet;

import dev.whittle.image.SecretMask;
import dev.whittle.image.UsageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the fleet database is, as the user wrote it after {@code --db}: a file path ({@code fleet.db},
 * {@code sqlite:fleet.db}, {@code jdbc:sqlite:fleet.db}) means SQLite; {@code postgresql://user:pw@host:5432/db}
 * (libpq's URI form, also {@code postgres://}) or a {@code jdbc:postgresql:} URL means PostgreSQL. A password left out
 * of the URI is taken from {@code PGPASSWORD}, as psql does, so it can come from a Kubernetes Secret rather than the
 * command line.
 *
 * @param dialect    which database
 * @param jdbcUrl    the URL handed to the JDBC driver (without the user and password, which travel in
 *                   {@link #properties()})
 * @param user       the user name, or null for the driver's default
 * @param password   the password, or null
 * @param display    how messages and reports show it: never the password
 */
public record DatabaseLocation(Dialect dialect, String jdbcUrl, String user, String password, String display) {

    /** Parses {@code text} with the process environment (for {@code PGPASSWORD}). */
    public static DatabaseLocation parse(String text) {
        return parse(text, System.getenv());
    }

    /** Parses {@code text}; {@code env} supplies {@code PGPASSWORD} when the URI has no password. */
    public static DatabaseLocation parse(String text, Map<String, String> env) {
        if (text == null || text.isBlank()) {
            throw new UsageException("--db needs a SQLite file or a postgresql:// URL");
        }
        String t = text.strip();
        if (t.startsWith("postgresql://") || t.startsWith("postgres://")) {
            return postgresUri(t, env);
        }
        if (t.startsWith("jdbc:postgresql:")) {
            return new DatabaseLocation(Dialect.POSTGRESQL, t, null, env.get("PGPASSWORD"),
                    SecretMask.text(t.replaceAll("(?i)(password=)[^&]*", "$1" + SecretMask.MASK)));
        }
        if (t.startsWith("jdbc:") && !t.startsWith("jdbc:sqlite:")) {
            throw new UsageException("--db " + t.replaceAll("^(jdbc:[a-z0-9]+:).*", "$1")
                    + "... is not supported: use a SQLite file or a postgresql:// URL");
        }
        String file = t.startsWith("jdbc:sqlite:") ? t.substring("jdbc:sqlite:".length())
                : t.startsWith("sqlite:") ? t.substring("sqlite:".length()) : t;
        if (file.isEmpty() || file.equals(":memory:")) {
            throw new UsageException("--db needs a SQLite file to keep the scan in (an in-memory database would be lost)");
        }
        Path path = Path.of(file).toAbsolutePath().normalize();
        return new DatabaseLocation(Dialect.SQLITE, "jdbc:sqlite:" + path, null, null, path.toString());
    }

    private static DatabaseLocation postgresUri(String text, Map<String, String> env) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException("--db " + SecretMask.text(text) + " is not a valid URL: " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new UsageException("--db " + SecretMask.text(text) + " names no host");
        }
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? null : uri.getPath().substring(1);
        if (database == null) {
            throw new UsageException("--db " + SecretMask.text(text) + " names no database (postgresql://host/NAME)");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        if (password == null) {
            password = env.get("PGPASSWORD");
        }
        String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbc = "jdbc:postgresql://" + hostPort + "/" + database + query;
        String display = "postgresql://" + (user == null ? "" : user + "@") + hostPort + "/" + database
                + query.replaceAll("(?i)(password=)[^&]*", "$1" + SecretMask.MASK);
        return new DatabaseLocation(Dialect.POSTGRESQL, jdbc, user, password, display);
    }

    /** The user and password as JDBC connection properties. */
    public Properties properties() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    /** Never the password: records print, and a record's default {@code toString} would show it. */
    @Override
    public String toString() {
        return display;
    }

    /** Percent-decodes a user or password; a {@code +} is a plus here, not the space of a form. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--db has a malformed %-escape in its user or password");
        }
    }
}
