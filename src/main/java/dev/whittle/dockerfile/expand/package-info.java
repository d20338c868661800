/**
 * BuildKit's shell-word lexer: variable expansion ({@code $v}, {@code ${v:-w}}, {@code ${v#p}}, ...), quote
 * removal and word splitting, with BuildKit's exact quirks. No I/O, no dependencies on the rest of Whittle.
 */
package dev.whittle.dockerfile.expand;
