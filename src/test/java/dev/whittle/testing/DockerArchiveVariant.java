package dev.whittle.testing;

/** The shapes of {@code docker-archive} tars found in the wild, as the fixture writer produces them. */
public enum DockerArchiveVariant {
    /** {@code docker save} before Docker 25: {@code <v1id>/layer.tar}, {@code <config hex>.json}, repositories. */
    CLASSIC,
    /**
     * {@code podman save} / engine-API {@code get}: layers stored as {@code <diffid hex>.tar}, manifest.json naming
     * {@code <v1id>/layer.tar} entries that are symlinks to them.
     */
    PODMAN,
    /** skopeo / buildah: manifest.json names {@code <diffid hex>.tar}; legacy {@code <v1id>/layer.tar} symlinks too. */
    SKOPEO,
    /** kaniko (go-containerregistry tarball): gzip layers {@code <blob hex>.tar.gz}, config named {@code sha256:<hex>}. */
    KANIKO,
    /** Docker 25+: an OCI layout ({@code blobs/sha256/*}, index.json, oci-layout) plus manifest.json into blobs/. */
    DOCKER25
}
