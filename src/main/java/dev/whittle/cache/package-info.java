/**
 * The persistent layer cache every command and source shares: what Whittle learned from a layer (its index, its
 * verified digests), the registry's blobs, and stat keys that recognise unchanged local files without rehashing them.
 * Every entry is written to a temp file and renamed into place, carries its own format version and checksum, and a
 * damaged, truncated or foreign entry is a miss, never a wrong answer. Depends only on {@code dev.whittle.image}.
 */
package dev.whittle.cache;
