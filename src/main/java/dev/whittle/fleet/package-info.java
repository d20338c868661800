/**
 * The fleet: many images of one registry scanned into a database, each unique layer analysed once across every image,
 * every shard and every earlier scan. This package owns the database: where it is ({@link DatabaseLocation}), its
 * dialect, and the versioned schema ({@link Migrations}, {@code docs/fleet-schema.md}). The scan and the reports over
 * it build on {@link FleetDatabase}.
 */
package dev.whittle.fleet;
