package dev.whittle.dockerfile.fix;

/** The base of the runtime stage that {@code --multi-stage} writes. */
public enum RuntimeBase {
    /** The slim Debian variant of the build image's family ({@code node:20-slim}): glibc, a shell, small. */
    SLIM,
    /** Alpine ({@code node:20-alpine}): smallest with a shell, but musl libc (native modules may break). */
    ALPINE,
    /** Distroless: no shell and no package manager; the start command must be in exec form. */
    DISTROLESS
}
