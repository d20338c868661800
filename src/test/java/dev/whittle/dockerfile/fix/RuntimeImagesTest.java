package dev.whittle.dockerfile.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.fix.RuntimeImages.Runtime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuntimeImagesTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "node:20,                         NODE,          SLIM,       node:20-slim,                          true",
        "docker.io/library/node:20.11.1,  NODE,          ALPINE,     node:20.11.1-alpine,                   true",
        "node:18-bookworm,                NODE,          DISTROLESS, gcr.io/distroless/nodejs18-debian12,   true",
        "node,                            NODE,          SLIM,       node:slim,                             true",
        "python:3.12,                     PYTHON,        SLIM,       python:3.12-slim,                      true",
        "golang:1.22,                     STATIC_BINARY, DISTROLESS, gcr.io/distroless/static-debian12,     true",
        "golang:1.22-alpine,              STATIC_BINARY, ALPINE,     alpine:3.20,                           false",
        "maven:3.9-eclipse-temurin-21,    JAVA,          SLIM,       eclipse-temurin:21-jre,                true",
        "eclipse-temurin:17-jdk,          JAVA,          ALPINE,     eclipse-temurin:17-jre-alpine,         true",
        "debian:bookworm,                 NODE,          SLIM,       debian:bookworm-slim,                  false",
        "debian,                          NODE,          SLIM,       debian:12-slim,                        false",
        "registry.local:5000/team/base:1, NODE,          SLIM,       registry.local:5000/team/base:1,       false",
    })
    void runtimeBaseForTheBuildImage(String build, Runtime runtime, RuntimeBase flavor, String expected,
            boolean hasRuntime) {
        RuntimeImages.Base base = RuntimeImages.runtimeFor(build, runtime, flavor);
        assertThat(base.image()).isEqualTo(expected);
        assertThat(base.hasRuntime()).isEqualTo(hasRuntime);
    }

    @ParameterizedTest
    @CsvSource({"docker.io/library/node:20, node, 20", "localhost:5000/app@sha256:abc, app, ''",
        "registry.local:5000/team/base, base, ''"})
    void repositoryAndTag(String image, String repository, String tag) {
        assertThat(RuntimeImages.repository(image)).isEqualTo(repository);
        assertThat(RuntimeImages.tag(image)).isEqualTo(tag);
    }
}
