/**
 * Dockerfiles as BuildKit reads them: parser, AST, lint rules and fixes.
 *
 * <ul>
 *   <li>{@link dev.whittle.dockerfile.Dockerfile#parse(String)} returns the {@link dev.whittle.dockerfile.Instruction}s
 *       with exact {@link dev.whittle.dockerfile.Span}s, the directives, comments and every problem as a
 *       {@link dev.whittle.dockerfile.ParseError} (never an exception); {@code dump()} prints BuildKit's AST dump.</li>
 *   <li>{@link dev.whittle.dockerfile.RunMount} reads {@code RUN --mount} flags (cache/tmpfs coverage of a path).</li>
 *   <li>{@code dockerfile.shell.ShellScript#of(Instruction)} reads a RUN's commands, arguments, flags and lines.</li>
 *   <li>{@code dockerfile.build.BuildPlan} gives stages, the built stage ({@code --target}), what it copies from,
 *       and ARG/ENV expansion with BuildKit's scoping; {@code dockerfile.expand.ShellLex} is BuildKit's lexer.</li>
 * </ul>
 */
package dev.whittle.dockerfile;
