package dev.whittle.slim;

import dev.whittle.write.WrittenImage;

/**
 * The outcome of {@code whittle slim}: the plan, and what was written (null for a dry run).
 *
 * @param plan    what was planned, in bytes
 * @param written the output image, or null
 */
public record SlimResult(SlimPlan plan, WrittenImage written) {
}
