/** Layer entries and the union view: whiteouts, opaque directories, hard links, path normalisation. */
package dev.whittle.fs;
