/**
 * The build a Dockerfile describes: its stages (name, base image after ARG expansion, {@code --platform}, the
 * instructions of each), which stage gets built ({@code --target} or the last one) and what it copies from, and
 * the variables (ARG/ENV, with BuildKit's scoping) visible at each instruction.
 */
package dev.whittle.dockerfile.build;
