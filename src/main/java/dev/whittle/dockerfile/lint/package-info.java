/**
 * The Dockerfile linter for image size: {@link dev.whittle.dockerfile.lint.Linter} runs the rules of
 * {@link dev.whittle.dockerfile.lint.rules.Rules} over a parsed file and returns {@link dev.whittle.dockerfile.lint.Finding}s
 * with exact locations and, where one is safe, a {@link dev.whittle.dockerfile.lint.Fix} as text edits.
 */
package dev.whittle.dockerfile.lint;
