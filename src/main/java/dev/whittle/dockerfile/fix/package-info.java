/**
 * {@code whittle fix}: rewrites a Dockerfile with the lint rules' safe fixes (and the fixes built here on the rules'
 * findings), one text edit at a time, each checked (the result parses, every RUN keeps its commands in order) before
 * the next; the structural multi-stage rewrite; and a unified diff of the result.
 *
 * <pre>{@code
 * FixResult r = DockerfileFixer.fix(text, FixOptions.defaults());
 * System.out.print(UnifiedDiff.of("Dockerfile", r.original(), r.fixed()));
 * }</pre>
 */
package dev.whittle.dockerfile.fix;
