-- Fleet schema, version 1. Written once for SQLite and PostgreSQL: TEXT, INTEGER, BIGINT, DOUBLE PRECISION and
-- INSERT ... ON CONFLICT mean the same in both; ${blob} is BLOB or BYTEA. Times are ISO-8601 UTC text
-- (2026-12-07T00:00:00Z) so both databases give byte-identical reports. Digests are "sha256:<hex>".
-- docs/fleet-schema.md describes every column and the queries the reports run.

-- One run of `fleet scan`. The shards of one Kubernetes Indexed Job share a scan_id.
CREATE TABLE scans (
    scan_id     TEXT PRIMARY KEY,
    registry    TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    options     TEXT NOT NULL
);

-- Each shard's part of a scan (shard I of N), so a report can tell a finished scan from one still running.
CREATE TABLE scan_shards (
    scan_id     TEXT NOT NULL REFERENCES scans (scan_id),
    shard       INTEGER NOT NULL,
    shards      INTEGER NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    images      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scan_id, shard, shards)
);

-- A layer blob, analysed once for the whole fleet. A shard claims it (status 'claimed') with
-- INSERT ... ON CONFLICT DO NOTHING before reading it, and fills the rest when done (status 'done'); a claim older
-- than the scan's timeout was left by a killed shard and may be taken over.
CREATE TABLE layers (
    layer_digest       TEXT PRIMARY KEY,
    media_type         TEXT NOT NULL,
    compressed_bytes   BIGINT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('claimed', 'done')),
    claimed_by         TEXT,
    claimed_at         TEXT,
    diff_id            TEXT,
    uncompressed_bytes BIGINT,
    file_count         BIGINT,
    index_format       INTEGER,
    entries_index      ${blob},
    analysed_at        TEXT
);

-- An image manifest (one platform), measured once: its numbers depend only on its digest.
CREATE TABLE manifests (
    manifest_digest TEXT PRIMARY KEY,
    media_type      TEXT NOT NULL,
    config_digest   TEXT NOT NULL,
    platform        TEXT NOT NULL,
    created         TEXT,
    layer_count     INTEGER NOT NULL,
    size_bytes      BIGINT NOT NULL,
    pull_bytes      BIGINT NOT NULL,
    wasted_bytes    BIGINT NOT NULL,
    efficiency      DOUBLE PRECISION NOT NULL,
    base_image      TEXT,
    base_layers     INTEGER,
    analysed_at     TEXT NOT NULL
);

-- The layers of a manifest, bottom first.
CREATE TABLE manifest_layers (
    manifest_digest TEXT NOT NULL REFERENCES manifests (manifest_digest),
    position        INTEGER NOT NULL,
    layer_digest    TEXT NOT NULL REFERENCES layers (layer_digest),
    created_by      TEXT,
    PRIMARY KEY (manifest_digest, position)
);
CREATE INDEX manifest_layers_by_layer ON manifest_layers (layer_digest);

-- explain's findings for a manifest, largest first (ordinal 0 is the largest).
CREATE TABLE findings (
    manifest_digest TEXT NOT NULL REFERENCES manifests (manifest_digest),
    ordinal         INTEGER NOT NULL,
    code            TEXT NOT NULL,
    category        TEXT,
    title           TEXT NOT NULL,
    bytes           BIGINT NOT NULL,
    layer_position  INTEGER,
    PRIMARY KEY (manifest_digest, ordinal)
);

-- What each repository:tag pointed at when a scan saw it: one row per platform of a multi-platform index
-- (index_digest set), one row with the manifest's own platform otherwise. fleet diff compares two scans' rows.
CREATE TABLE tags (
    scan_id         TEXT NOT NULL REFERENCES scans (scan_id),
    repository      TEXT NOT NULL,
    tag             TEXT NOT NULL,
    platform        TEXT NOT NULL,
    index_digest    TEXT,
    manifest_digest TEXT NOT NULL REFERENCES manifests (manifest_digest),
    seen_at         TEXT NOT NULL,
    PRIMARY KEY (scan_id, repository, tag, platform)
);
CREATE INDEX tags_by_manifest ON tags (manifest_digest);
