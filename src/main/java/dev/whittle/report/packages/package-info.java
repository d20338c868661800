/**
 * Renderers for {@code whittle packages}: the text table, CycloneDX 1.6 JSON (CycloneDX's own model and serialiser)
 * and SPDX 2.3 JSON. They format a finished {@link dev.whittle.packages.PackageInventory} and never compute.
 */
package dev.whittle.report.packages;
