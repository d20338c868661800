package dev.whittle.dockerfile.lint.rules;

import static dev.whittle.dockerfile.lint.rules.RuleFixture.applyFixes;
import static dev.whittle.dockerfile.lint.rules.RuleFixture.catches;
import static dev.whittle.dockerfile.lint.rules.RuleFixture.catchesNot;
import static dev.whittle.dockerfile.lint.rules.RuleFixture.findings;
import static dev.whittle.dockerfile.lint.rules.RuleFixture.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.lint.Finding;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PackageCacheRulesTest {

    @Nested
    class ApkCacheTest {
        private final ApkCache rule = new ApkCache();

        @Test
        void catchesAddWithoutNoCache() {
            Finding f = only(rule, "FROM alpine\nRUN apk add curl\n");
            assertThat(f.span()).hasToString("2:5-2:16");
            assertThat(rule.hadolintIds()).containsExactly("DL3019");
        }

        @Test
        void doesNotCatchNoCacheMountsOrRemoval() {
            catchesNot(rule, "FROM alpine\nRUN apk add --no-cache curl\n");
            catchesNot(rule, "FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n");
            catchesNot(rule, "FROM alpine\nRUN apk add curl && rm -rf /var/cache/apk/*\n");
            catchesNot(rule, "FROM alpine\nRUN apk del curl\n");
        }

        @Test
        void fixInsertsNoCacheAfterAdd() {
            assertThat(applyFixes(rule, "FROM alpine\nRUN apk update && apk add --virtual .deps gcc\n"))
                    .isEqualTo("FROM alpine\nRUN apk update && apk add --no-cache --virtual .deps gcc\n");
        }
    }

    @Nested
    class PipCacheTest {
        private final PipCache rule = new PipCache();

        @Test
        void catchesEverySpellingOfPipInstall() {
            catches(rule, "FROM python:3.12\nRUN pip install flask\n");
            catches(rule, "FROM python:3.12\nRUN pip3 install -r requirements.txt\n");
            catches(rule, "FROM python:3.12\nRUN python3 -m pip install --upgrade pip\n");
            assertThat(rule.hadolintIds()).containsExactly("DL3042");
        }

        @Test
        void doesNotCatchNoCacheDirEnvOrCacheMount() {
            catchesNot(rule, "FROM python\nRUN pip install --no-cache-dir flask\n");
            catchesNot(rule, "FROM python\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n");
            catchesNot(rule, "FROM python\nRUN PIP_NO_CACHE_DIR=yes pip install flask\n");
            catchesNot(rule, "FROM python\nRUN export PIP_NO_CACHE_DIR=true && pip install flask\n");
            catchesNot(rule, "FROM python AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install flask\n");
            catchesNot(rule, "FROM python\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n");
            catchesNot(rule, "FROM python\nRUN pip download flask\n");
        }

        @Test
        void aFalseSpellingIsAnInfoThatSaysWhatPipReallyDoes() {
            Finding f = only(rule, "FROM python\nENV PIP_NO_CACHE_DIR=off\nRUN pip install flask\n");
            assertThat(f.severity()).isEqualTo(dev.whittle.dockerfile.lint.Severity.INFO);
            assertThat(f.message()).contains("PIP_NO_CACHE_DIR=off", "PIP_NO_CACHE_DIR=1");
            assertThat(f.hadolint()).containsExactly("DL3042");
            // an export after the install comes too late for it
            assertThat(only(rule, "FROM python\nRUN pip install flask && export PIP_NO_CACHE_DIR=1\n").severity())
                    .isEqualTo(dev.whittle.dockerfile.lint.Severity.WARNING);
        }

        @Test
        void fixInsertsNoCacheDirAfterInstall() {
            assertThat(applyFixes(rule, "FROM python\nRUN python -m pip install -r req.txt\n"))
                    .isEqualTo("FROM python\nRUN python -m pip install --no-cache-dir -r req.txt\n");
        }
    }

    @Nested
    class RpmCachesTest {
        private final RpmCaches rule = new RpmCaches();

        @Test
        void catchesYumDnfMicrodnfAndZypper() {
            assertThat(only(rule, "FROM centos\nRUN yum install -y httpd\n").message()).contains("yum clean all");
            assertThat(only(rule, "FROM fedora\nRUN dnf install -y httpd\n").message()).contains("dnf clean all");
            assertThat(only(rule, "FROM ubi\nRUN microdnf install -y httpd\n").message())
                    .contains("microdnf clean all");
            assertThat(only(rule, "FROM opensuse\nRUN zypper install -y httpd\n").message()).contains("zypper clean");
            assertThat(rule.hadolintIds()).containsExactly("DL3032", "DL3040", "DL3036");
        }

        @Test
        void doesNotCatchCleanedOrMountedCaches() {
            catchesNot(rule, "FROM centos\nRUN yum install -y httpd && yum clean all\n");
            catchesNot(rule, "FROM fedora\nRUN dnf install -y httpd && rm -rf /var/cache/dnf\n");
            catchesNot(rule, "FROM opensuse\nRUN zypper in -y httpd && zypper cc -a\n");
            catchesNot(rule, "FROM fedora\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd\n");
            catchesNot(rule, "FROM fedora\nRUN dnf search httpd\n");
        }

        @Test
        void eachFindingNamesTheOneHadolintRuleOfItsManager() {
            assertThat(only(rule, "FROM centos\nRUN yum install -y httpd\n").hadolint()).containsExactly("DL3032");
            assertThat(only(rule, "FROM fedora\nRUN dnf5 up -y\n").hadolint()).containsExactly("DL3040");
            assertThat(only(rule, "FROM ubi\nRUN microdnf rei -y x\n").hadolint()).containsExactly("DL3040");
            assertThat(only(rule, "FROM suse\nRUN zypper in -y x\n").hadolint()).containsExactly("DL3036");
            assertThat(only(rule, "FROM photon\nRUN tdnf install -y x\n").hadolint()).isEmpty();
        }

        @Test
        void aCleanBeforeTheInstallDoesNotCount() {
            assertThat(only(rule, "FROM centos\nRUN yum clean all && yum install -y httpd\n").message())
                    .contains("too early");
            catches(rule, "FROM fedora\nRUN rm -rf /var/cache/dnf && dnf install -y httpd\n");
            catches(rule, "FROM suse\nRUN zypper clean && zypper install -y httpd\n");
        }

        @Test
        void everyCacheLocationAndAliasCounts() {
            catchesNot(rule, "FROM ubi-minimal\nRUN microdnf install -y x && rm -rf /var/cache/yum/*\n");
            catchesNot(rule, "FROM fedora\nRUN dnf in -y x && rm -rf /var/cache/libdnf5\n");
            catchesNot(rule, "FROM fedora\nRUN --mount=type=tmpfs,target=/var/cache/libdnf5 dnf up -y\n");
            catches(rule, "FROM fedora\nRUN dnf -y upgrade-minimal\n");
            catches(rule, "FROM fedora\nRUN dnf -y up-min\n");
        }

        @Test
        void fixAppendsTheCleanCommand() {
            assertThat(applyFixes(rule, "FROM centos\nRUN yum install -y httpd\n"))
                    .isEqualTo("FROM centos\nRUN yum install -y httpd && yum clean all\n");
        }
    }

    @Nested
    class NodePackagesTest {
        private final NodePackages rule = new NodePackages();

        @Test
        void suggestsNpmCiWhenALockFileWasCopied() {
            assertThat(findings(rule, "FROM node AS build\nCOPY package.json package-lock.json ./\nRUN npm install\n"
                    + "FROM node:20-alpine\nCOPY --from=build /app /app\n"))
                    .extracting(Finding::message).singleElement().asString().contains("npm ci");
            assertThat(findings(rule, "FROM node AS build\nCOPY package.json ./\nRUN npm install\nFROM alpine\n"))
                    .isEmpty();
            assertThat(findings(rule, "FROM node AS build\nCOPY package*.json ./\nRUN npm install -g typescript\n"
                    + "FROM alpine\n")).isEmpty();
        }

        @Test
        void catchesDevDependenciesInTheFinalImage() {
            assertThat(findings(rule, "FROM node\nRUN --mount=type=cache,target=/root/.npm npm ci\n"))
                    .extracting(Finding::message).singleElement().asString().contains("--omit=dev");
            assertThat(findings(rule, "FROM node\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn "
                    + "yarn install --frozen-lockfile\n"))
                    .extracting(Finding::message).singleElement().asString().contains("--production");
        }

        @Test
        void doesNotCatchProductionInstalls() {
            catchesNot(rule, "FROM node\nRUN npm ci --omit=dev && npm cache clean --force\n");
            catchesNot(rule, "FROM node\nENV NODE_ENV=production\nRUN npm ci && npm cache clean --force\n");
            catchesNot(rule, "FROM node\nRUN --mount=type=cache,target=/root/.npm npm ci --production\n");
            catchesNot(rule, "FROM node\nRUN yarn install --production && yarn cache clean\n");
            catchesNot(rule, "FROM node\nRUN pnpm install --prod && pnpm store prune\n");
        }

        @Test
        void onlyTheYarnCacheFindingNamesDl3060() {
            java.util.List<Finding> found = findings(rule, "FROM node\nRUN yarn install\n");
            assertThat(found).filteredOn(f -> f.message().contains("dev dependencies"))
                    .singleElement().satisfies(f -> assertThat(f.hadolint()).isEmpty());
            assertThat(found).filteredOn(f -> f.message().contains("cache"))
                    .singleElement().satisfies(f -> assertThat(f.hadolint()).containsExactly("DL3060"));
            assertThat(findings(rule, "FROM node\nRUN npm ci\n")).allSatisfy(f -> assertThat(f.hadolint()).isEmpty());
            assertThat(findings(rule, "FROM node\nRUN yarn cache clean && yarn install --production\n"))
                    .singleElement().satisfies(f -> assertThat(f.hadolint()).containsExactly("DL3060"));
        }

        @Test
        void fixAppendsTheCacheClean() {
            String fixed = applyFixes(new NodePackagesCacheOnly(), "FROM node\nRUN npm ci --omit=dev\n");
            assertThat(fixed).isEqualTo("FROM node\nRUN npm ci --omit=dev && npm cache clean --force\n");
            assertThat(rule.hadolintIds()).containsExactly("DL3060");
        }
    }

    /** WH006 restricted to its cache check, whose findings all carry a fix. */
    static final class NodePackagesCacheOnly extends BaseRule {
        NodePackagesCacheOnly() {
            super("WH006", "NodePackages", dev.whittle.dockerfile.lint.Severity.WARNING, "test");
        }

        @Override
        public java.util.List<Finding> check(dev.whittle.dockerfile.lint.LintContext context) {
            java.util.List<Finding> out = new java.util.ArrayList<>();
            for (Finding f : new NodePackages().check(context)) {
                if (f.message().contains("cache")) {
                    out.add(f);
                }
            }
            return out;
        }
    }
}
