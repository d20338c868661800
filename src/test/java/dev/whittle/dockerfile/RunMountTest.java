package dev.whittle.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunMountTest {

    @Test
    void readsEveryMountOfARun() {
        Instruction run = Dockerfile.parse("""
                FROM a
                RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\
                    --mount=type=tmpfs,dst=/tmp \\
                    --mount=type=bind,from=build,source=/out,target=/in \\
                    --mount=type=secret,id=npmrc \\
                    apt-get update
                """).instructions().get(1);
        List<RunMount> mounts = RunMount.of(run);
        assertThat(mounts).extracting(RunMount::type).containsExactly("cache", "tmpfs", "bind", "secret");
        assertThat(mounts.get(0).options()).containsEntry("sharing", "locked");
        assertThat(mounts.get(1).target()).isEqualTo("/tmp");
        assertThat(mounts.get(2).from()).isEqualTo("build");
        assertThat(mounts.get(2).source()).isEqualTo("/out");
        assertThat(mounts.get(3).id()).isEqualTo("npmrc");
        assertThat(RunMount.coveredByCacheOrTmpfs(run, "/var/cache/apt/archives/*")).isTrue();
        assertThat(RunMount.coveredByCacheOrTmpfs(run, "/var/cache/apt")).isTrue();
        assertThat(RunMount.coveredByCacheOrTmpfs(run, "/var/cache/aptitude")).isFalse();
        assertThat(RunMount.coveredByCacheOrTmpfs(run, "/in/x")).isFalse();
    }

    @Test
    void defaultsAndQuoting() {
        RunMount bind = RunMount.parse("target=/src");
        assertThat(bind.type()).isEqualTo("bind");
        RunMount quoted = RunMount.parse("type=cache,\"target=/a,b\",id=x");
        assertThat(quoted.target()).isEqualTo("/a,b");
        assertThat(quoted.covers("/a,b/c")).isTrue();
        assertThat(RunMount.parse("type=cache,target=/root/.cache/").covers("/root/.cache/pip")).isTrue();
    }
}
