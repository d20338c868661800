/**
 * {@code whittle explore}: the full-screen terminal explorer. {@link dev.whittle.explore.Explorer} holds the state
 * and handles keys; {@link dev.whittle.explore.ScreenLayout} lays a state out as lines of styled text for a given
 * size; both run without a terminal, so tests drive them with key presses and read the screen back as text.
 * {@link dev.whittle.explore.TerminalSession} is the thin JLine glue: raw mode, the alternate screen, key
 * sequences to {@link dev.whittle.explore.KeyPress}es, resize, and diff-based redraws through JLine's Display. The
 * trees come finished from {@link dev.whittle.measure.tree} as arrays by path id, and the file pane's rows
 * ({@link dev.whittle.explore.TreeRows}) are arrays over them, so a 200,000-file tree costs a few MB; nothing here
 * computes sizes.
 */
package dev.whittle.explore;
