package dev.whittle.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathSummaryTest {

    @Test
    void fewFilesStayFilesLargestFirst() {
        PathSummary s = new PathSummary();
        s.add("/var/lib/apt/lists/a", 10);
        s.add("/var/lib/apt/lists/b", 30);
        assertThat(s.groups(8)).extracting(PathGroup::path, PathGroup::bytes).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/var/lib/apt/lists/b", 30L),
                org.assertj.core.groups.Tuple.tuple("/var/lib/apt/lists/a", 10L));
    }

    @Test
    void manyFilesAreSummarisedByTheirDirectoriesWithinTheLimit() {
        PathSummary s = new PathSummary();
        for (int i = 0; i < 60; i++) {
            s.add("/root/.npm/_cacache/content-v2/sha512/" + (i % 30) + "/f" + i, 100);
        }
        s.add("/root/.npm/_logs/debug.log", 2_000);
        assertThat(s.groups(8)).extracting(PathGroup::path, PathGroup::bytes, PathGroup::files).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/root/.npm/_cacache/content-v2/sha512/", 6_000L, 60L),
                org.assertj.core.groups.Tuple.tuple("/root/.npm/_logs/debug.log", 2_000L, 1L));
    }
}
