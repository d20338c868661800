package dev.whittle.fleet;

/**
 * The two databases a fleet can live in. The schema is written once, in the SQL both accept ({@code TEXT},
 * {@code BIGINT}, {@code INSERT ... ON CONFLICT}); the few words that differ are named here and substituted into the
 * migrations as {@code ${name}} placeholders.
 */
public enum Dialect {
    /** One file, no server: the default, so one command works on a laptop. */
    SQLITE("BLOB"),
    /** One server many shards write into at once: the Kubernetes Indexed Job's database. */
    POSTGRESQL("BYTEA");

    private final String blobType;

    Dialect(String blobType) {
        this.blobType = blobType;
    }

    /** The column type for opaque bytes (a layer's serialised entries index). */
    public String blobType() {
        return blobType;
    }

    /** {@code sql} with this dialect's words in place of the {@code ${blob}} placeholders. */
    String render(String sql) {
        return sql.replace("${blob}", blobType);
    }
}
