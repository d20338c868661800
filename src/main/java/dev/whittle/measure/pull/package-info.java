/**
 * Pull size without pulling: compressed bytes per platform and per layer from manifests alone, and the deploy tax
 * (bytes moved and time to pull for a fleet of fresh machines at a given bandwidth).
 */
package dev.whittle.measure.pull;
