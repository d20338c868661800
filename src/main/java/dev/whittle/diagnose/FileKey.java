package dev.whittle.diagnose;

/** A file as one layer ships it. */
record FileKey(int layer, String path) {
}
