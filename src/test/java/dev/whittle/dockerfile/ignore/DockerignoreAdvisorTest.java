package dev.whittle.dockerfile.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.DockerIgnore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerignoreAdvisorTest {

    private static final String NODE_BUILD = """
            FROM node:20
            WORKDIR /app
            COPY package.json package-lock.json ./
            RUN npm ci
            COPY . .
            RUN npm run build
            CMD ["node", "dist/server.js"]
            """;

    private static ContextFiles context(Object... pathsAndSizes) {
        List<ContextFiles.Entry> out = new ArrayList<>();
        for (int i = 0; i < pathsAndSizes.length; i += 2) {
            out.add(new ContextFiles.Entry((String) pathsAndSizes[i], ((Number) pathsAndSizes[i + 1]).longValue()));
        }
        return ContextFiles.of(out);
    }

    private static final ContextFiles NODE_PROJECT = context(
            "package.json", 300, "package-lock.json", 9000, "src/server.ts", 500, "tsconfig.json", 100,
            ".git/HEAD", 23, ".git/objects/pack/pack-1.pack", 5_000_000,
            "node_modules/express/index.js", 2_000, "node_modules/typescript/lib/tsc.js", 8_000_000,
            "npm-debug.log", 4_000, "logs/app.log", 1_000, "coverage/lcov.info", 70_000, "dist/server.js", 400,
            ".idea/workspace.xml", 3_000, "src/.DS_Store", 6_000, "assets/demo.mp4", 12_000_000,
            "assets/model.bin", 30_000_000, "README.md", 1_000);

    @Test
    void nodeProjectGetsEveryGroupWithExactBytes() {
        IgnoreProposal p = DockerignoreAdvisor.propose(NODE_PROJECT, NODE_BUILD, "");
        assertThat(p.newText()).isEqualTo("""
                # Added by whittle dockerignore: files the image never needs.
                # version control history
                .git
                # dependencies the image installs itself (RUN npm ci)
                node_modules
                # logs
                **/*.log
                # coverage
                coverage
                # build output the build recreates
                dist
                # IDE and OS files
                .idea
                **/.DS_Store
                # large archives, media and dumps no instruction names
                assets/demo.mp4
                """);
        assertThat(p.added()).extracting(IgnoreProposal.Added::pattern, IgnoreProposal.Added::bytes,
                IgnoreProposal.Added::files).containsExactly(
                org.assertj.core.groups.Tuple.tuple(".git", 5_000_023L, 2L),
                org.assertj.core.groups.Tuple.tuple("node_modules", 8_002_000L, 2L),
                org.assertj.core.groups.Tuple.tuple("**/*.log", 5_000L, 2L),
                org.assertj.core.groups.Tuple.tuple("coverage", 70_000L, 1L),
                org.assertj.core.groups.Tuple.tuple("dist", 400L, 1L),
                org.assertj.core.groups.Tuple.tuple(".idea", 3_000L, 1L),
                org.assertj.core.groups.Tuple.tuple("**/.DS_Store", 6_000L, 1L),
                org.assertj.core.groups.Tuple.tuple("assets/demo.mp4", 12_000_000L, 1L));
        assertThat(p.bytesRemoved()).isEqualTo(5_000_023L + 8_002_000 + 5_000 + 70_000 + 400 + 3_000 + 6_000
                + 12_000_000);
        assertThat(p.filesAfter()).isEqualTo(6);
    }

    @Test
    void proposingAgainOnTheResultAddsNothing() {
        IgnoreProposal once = DockerignoreAdvisor.propose(NODE_PROJECT, NODE_BUILD, "");
        IgnoreProposal twice = DockerignoreAdvisor.propose(NODE_PROJECT, NODE_BUILD, once.newText());
        assertThat(twice.changed()).isFalse();
        assertThat(twice.bytesBefore()).isEqualTo(once.bytesAfter());
    }

    @Test
    void nothingACopyNamesIsLeftOut() {
        String dockerfile = """
                FROM node:20
                ARG OUT=dist
                WORKDIR /app
                COPY package.json ./
                RUN npm install && npm run build
                COPY ${OUT} ./dist
                COPY logs/app.log /var/log/seed.log
                RUN --mount=type=bind,source=.git,target=/src/.git git -C /src log -1 > /app/VERSION
                """;
        IgnoreProposal p = DockerignoreAdvisor.propose(NODE_PROJECT, dockerfile, "");
        assertThat(p.added()).extracting(IgnoreProposal.Added::pattern).doesNotContain("dist", "**/*.log", ".git")
                .contains("node_modules", "coverage");
        assertThat(p.kept()).extracting(IgnoreProposal.Kept::pattern).containsExactly(".git", "**/*.log", "logs",
                "dist");
        assertThat(p.kept().get(3).reason()).isEqualTo("COPY at line 6 needs dist/server.js");
        DockerIgnore result = DockerIgnore.parse(p.newText());
        assertThat(result.isIgnored("dist/server.js")).isFalse();
        assertThat(result.isIgnored("logs/app.log")).isFalse();
        assertThat(result.isIgnored("npm-debug.log")).isFalse();
    }

    @Test
    void prebuiltOutputIsKeptWhenTheImageDoesNotBuild() {
        IgnoreProposal p = DockerignoreAdvisor.propose(NODE_PROJECT, """
                FROM node:20-slim
                WORKDIR /app
                COPY . .
                CMD ["node", "dist/server.js"]
                """, "");
        assertThat(p.added()).extracting(IgnoreProposal.Added::pattern).doesNotContain("dist", "node_modules")
                .contains(".git");
    }

    @Test
    void existingLinesAndTheirReincludesKeepDeciding() {
        String existing = "node_modules\n!node_modules/express\n*.md\n";
        IgnoreProposal p = DockerignoreAdvisor.propose(NODE_PROJECT, NODE_BUILD, existing);
        assertThat(p.newText()).endsWith("\n" + existing).contains("# Your own lines follow");
        DockerIgnore result = DockerIgnore.parse(p.newText());
        assertThat(result.isIgnored("node_modules/express/index.js")).isFalse();
        assertThat(result.isIgnored("node_modules/typescript/lib/tsc.js")).isTrue();
        assertThat(result.isIgnored("README.md")).isTrue();
        assertThat(p.added()).extracting(IgnoreProposal.Added::pattern).doesNotContain("node_modules");
    }

    @Test
    void reincludeOfAFileTheProposalWouldCatchStillWins() {
        String existing = "!coverage/badge.svg\n";
        ContextFiles ctx = context("coverage/badge.svg", 100, "coverage/lcov.info", 1000, "package.json", 10);
        IgnoreProposal p = DockerignoreAdvisor.propose(ctx, NODE_BUILD, existing);
        DockerIgnore result = DockerIgnore.parse(p.newText());
        assertThat(result.isIgnored("coverage/badge.svg")).isFalse();
        assertThat(result.isIgnored("coverage/lcov.info")).isTrue();
        assertThat(p.bytesRemoved()).isEqualTo(1000);
    }

    @Test
    void globAndDirectorySourcesProtectWhatTheyMatch() {
        ContextFiles ctx = context("coverage/report.json", 10, "coverage/lcov.info", 10, ".vscode/settings.json", 5,
                "app.py", 100, "venv/bin/python", 1000);
        IgnoreProposal p = DockerignoreAdvisor.propose(ctx, """
                FROM python:3.12-slim
                COPY coverage/*.json /reports/
                COPY .vscode /cfg
                COPY app.py /app/
                RUN pip install flask
                """, "");
        assertThat(p.added()).extracting(IgnoreProposal.Added::pattern).containsExactly("venv");
        assertThat(p.kept()).extracting(IgnoreProposal.Kept::pattern).containsExactly("coverage", ".vscode");
    }

    @Test
    void escapesSpecialCharactersOfLargeFileNames() {
        ContextFiles ctx = context("media/intro [final].mp4", 20_000_000, "a.txt", 1);
        IgnoreProposal p = DockerignoreAdvisor.propose(ctx, "FROM debian\nCOPY . /srv\n", "");
        assertThat(p.added()).singleElement().satisfies(a -> {
            assertThat(a.pattern()).isEqualTo("media/intro \\[final\\].mp4");
            assertThat(a.bytes()).isEqualTo(20_000_000);
        });
        assertThat(DockerIgnore.parse(p.newText()).isIgnored("media/intro [final].mp4")).isTrue();
    }

    @Test
    void emptyProposalLeavesTheFileAlone() {
        IgnoreProposal p = DockerignoreAdvisor.propose(context("app.py", 10), "FROM debian\nCOPY . .\n", "*.tmp");
        assertThat(p.changed()).isFalse();
        assertThat(p.newText()).isEqualTo("*.tmp");
    }

    @Test
    void proposesEverythingExplainAndLintSayToIgnoreWithAReasonForEachLine() {
        ContextFiles project = context("package.json", 300, "package-lock.json", 9000, "src/server.js", 500,
                ".git/HEAD", 23, "node_modules/express/index.js", 2_000, ".env", 120, ".env.production", 90,
                "certs/server.pem", 1_700, "deploy/deploy.key", 1_600, "id_rsa", 2_600, "id_rsa.pub", 570,
                ".npmrc", 60, "npm-debug.log", 4_000, "logs/app.txt", 1_000, "coverage/lcov.info", 70_000,
                "dist/server.js", 400);
        IgnoreProposal p = DockerignoreAdvisor.propose(project, NODE_BUILD, "");
        assertThat(p.added()).extracting(IgnoreProposal.Added::pattern).containsExactly(".git", "**/.env",
                "**/.env.*", "**/*.pem", "**/*.key", "**/id_rsa*", "**/.npmrc", "node_modules", "**/*.log", "logs",
                "coverage", "dist");
        assertThat(p.added()).allSatisfy(a -> assertThat(a.group()).isNotBlank());
        assertThat(p.added()).filteredOn(a -> a.pattern().equals("**/id_rsa*")).singleElement()
                .satisfies(a -> assertThat(a.files()).isEqualTo(2));
        assertThat(p.newText()).contains("# secrets and credentials: a COPY would ship them in a layer\n**/.env\n");
        DockerIgnore result = DockerIgnore.parse(p.newText());
        assertThat(result.isIgnored("package.json")).isFalse();
        assertThat(result.isIgnored("src/server.js")).isFalse();
    }

    @Test
    void neverProposesASecretLineForAFileTheDockerfileCopiesByName() {
        String dockerfile = NODE_BUILD.replace("COPY package.json package-lock.json ./",
                "COPY package.json package-lock.json .npmrc ./");
        ContextFiles project = context("package.json", 300, "package-lock.json", 9000, ".npmrc", 60, ".env", 120);
        IgnoreProposal p = DockerignoreAdvisor.propose(project, dockerfile, "");
        assertThat(p.added()).extracting(IgnoreProposal.Added::pattern).containsExactly("**/.env");
        assertThat(p.kept()).extracting(IgnoreProposal.Kept::pattern).containsExactly("**/.npmrc");
        assertThat(DockerIgnore.parse(p.newText()).isIgnored(".npmrc")).isFalse();
    }
}
