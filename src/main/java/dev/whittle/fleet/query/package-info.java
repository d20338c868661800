/**
 * What {@code fleet report} and {@code fleet diff} read from the fleet database: the SQL they run
 * ({@link dev.whittle.fleet.query.FleetQueries}, also listed in {@code docs/fleet-schema.md}), the scan they pick
 * ({@link dev.whittle.fleet.query.Scans}), and the result records the renderers draw
 * ({@link dev.whittle.fleet.query.FleetReport}, {@link dev.whittle.fleet.query.FleetDiff}). Every figure is computed
 * here; ordering is done in Java with explicit tie-breaks, so SQLite and PostgreSQL give byte-identical output.
 */
package dev.whittle.fleet.query;
