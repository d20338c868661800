package dev.whittle.packages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Reads rpm's SQLite database ({@code rpmdb.sqlite}, rpm 4.16 and later): the {@code Packages} table's header blobs,
 * parsed by {@link RpmHeader}. SQLite needs a file, so the content is copied to a temporary file that is deleted at
 * once. The Berkeley DB ({@code Packages}) and ndb ({@code Packages.db}) formats are not read: {@link #unsupported}
 * names them in a note.
 */
final class RpmDatabase {
    private RpmDatabase() {
    }

    /** The database file names rpm has used, each with its format's name; null when the name is no rpm database. */
    static String format(String path) {
        if (!(path.startsWith("/var/lib/rpm/") || path.startsWith("/usr/lib/sysimage/rpm/"))) {
            return null;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return switch (name) {
            case "rpmdb.sqlite" -> "sqlite";
            case "Packages" -> "Berkeley DB";
            case "Packages.db" -> "ndb";
            default -> null;
        };
    }

    /** The note for a database in a format this reader does not read. */
    static String unsupported(String format) {
        return "rpm database format " + format + " not supported (only rpmdb.sqlite, rpm 4.16 and later, is read);"
                + " its packages are not listed";
    }

    static List<FoundPackage> read(InputStream content, String location, Notes notes) throws IOException {
        Path tmp = Files.createTempFile("whittle-rpmdb", ".sqlite");
        try {
            Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            SQLiteDataSource ds = new SQLiteDataSource(config);
            ds.setUrl("jdbc:sqlite:" + tmp);
            List<FoundPackage> out = new ArrayList<>();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT hnum, blob FROM Packages")) {
                while (rs.next()) {
                    long hnum = rs.getLong(1);
                    byte[] blob = rs.getBytes(2);
                    try {
                        out.add(pkg(RpmHeader.parse(blob == null ? new byte[0] : blob), location));
                    } catch (IllegalArgumentException e) {
                        notes.add("header " + hnum + " is damaged (" + e.getMessage() + "), skipped");
                    }
                }
            } catch (SQLException e) {
                notes.add("not a readable rpm SQLite database: " + e.getMessage());
            }
            return out;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static FoundPackage pkg(RpmHeader h, String location) {
        String name = h.string(RpmHeader.NAME);
        String version = h.string(RpmHeader.VERSION);
        if (name == null || version == null) {
            throw new IllegalArgumentException("no name or version");
        }
        String release = h.string(RpmHeader.RELEASE);
        long[] epoch = h.numbers(RpmHeader.EPOCH);
        String full = (epoch.length > 0 ? epoch[0] + ":" : "") + version + (release == null ? "" : "-" + release);
        List<List<String>> requires = new ArrayList<>();
        for (String r : h.strings(RpmHeader.REQUIRENAME)) {
            if (!r.startsWith("rpmlib(") && !r.startsWith("config(")) {
                requires.add(List.of(r));
            }
        }
        long[] size = h.numbers(RpmHeader.LONGSIZE);
        if (size.length == 0) {
            size = h.numbers(RpmHeader.SIZE);
        }
        return new FoundPackage(Ecosystem.RPM, name, full, h.string(RpmHeader.ARCH), h.string(RpmHeader.LICENSE),
                requires, h.strings(RpmHeader.PROVIDENAME), h.files(), size.length > 0 ? size[0] : -1, false, null,
                location);
    }
}
