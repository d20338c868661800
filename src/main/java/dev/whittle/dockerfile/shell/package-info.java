/**
 * A reader for the shell scripts of {@code RUN} (shell form and here-document bodies): the simple commands joined
 * by {@code &&}, {@code ||}, {@code ;}, {@code |} and newlines, with their words, flags and source lines, so lint
 * rules can ask "what does {@code apt-get install} get" without re-parsing. It reads, it does not execute:
 * variables stay as written unless expanded on request.
 */
package dev.whittle.dockerfile.shell;
