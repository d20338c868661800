/**
 * The {@code docker-daemon:} transport: a minimal HTTP/1.1 client for the Docker Engine API over a unix socket or
 * TCP ({@code DOCKER_HOST}); podman's Docker-compatible service answers the same way. Images are exported with
 * {@code GET /images/{name}/get} into a temp file and read as a docker-archive.
 */
package dev.whittle.source.daemon;
