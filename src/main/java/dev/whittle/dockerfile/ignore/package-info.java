/**
 * {@code whittle dockerignore}: scans a build context and the Dockerfile's COPY/ADD sources and proposes the
 * {@code .dockerignore} lines that keep out what the image never needs (VCS data, dependencies the image installs
 * itself, logs, test reports, coverage, build output the build recreates, IDE and OS files, large archives and
 * media), each checked against the parsed COPY/ADD instructions and BuildKit's ignore semantics (last match wins,
 * {@code !} re-includes) so that no path an instruction needs is ever left out.
 *
 * <pre>{@code
 * IgnoreProposal p = DockerignoreAdvisor.propose(contextDir, dockerfilePath, dockerfileText, existingIgnoreText);
 * p.newText(); p.added(); p.bytesRemoved();
 * }</pre>
 */
package dev.whittle.dockerfile.ignore;
