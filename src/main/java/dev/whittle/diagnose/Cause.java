package dev.whittle.diagnose;

/**
 * One line of the summary's top causes.
 *
 * @param id    the finding's detector id
 * @param title the finding's title
 * @param bytes the finding's bytes
 */
public record Cause(String id, String title, long bytes) {
}
