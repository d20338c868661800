package dev.whittle.dockerfile.lint.parity;

import java.util.ArrayList;
import java.util.List;

/**
 * hadolint's own catch / no-catch cases for the size rules Whittle covers, transcribed as test data from
 * {@code test/Hadolint/Rule/DLxxxxSpec.hs} of hadolint/hadolint (commit 8f936c5e, August 2026). Each case is one
 * {@code ruleCatches} (caught) or {@code ruleCatchesNot} (clean) assertion, in the order the spec file has them,
 * with the spec's {@code it} title. The {@code onBuildRuleCatches} variants are left out: they wrap each line in
 * {@code ONBUILD}, whose triggers run in another image's build, and Whittle lints the image this file builds.
 *
 * <p>Two transcription notes. A case without {@code FROM} gets {@code FROM debian:12} in front when it is linted
 * (hadolint lints fragments; BuildKit, and so Whittle, needs a FROM first). Where a spec writes a continued line
 * with a Haskell string gap ({@code "...lists \\\ <newline> \    apt-get"}), the gap swallows the newline and leaves
 * a backslash before spaces on one line; the case is transcribed as the continued line the spec's title means.
 */
final class HadolintSpecCases {

    /** One assertion of a hadolint spec: the spec file, its title, the Dockerfile, and whether hadolint catches. */
    record Case(String rule, String spec, String title, String dockerfile, boolean caught) {
        @Override
        public String toString() {
            return rule + " " + (caught ? "catches" : "clean") + ": " + title + " | " + dockerfile.replace("\n", "\\n");
        }
    }

    private final List<Case> cases = new ArrayList<>();
    private String rule;
    private String title;

    private HadolintSpecCases() {
    }

    /** Every transcribed case. */
    static List<Case> all() {
        HadolintSpecCases t = new HadolintSpecCases();
        t.dl3009();
        t.dl3015();
        t.dl3019();
        t.dl3032();
        t.dl3036();
        t.dl3040();
        t.dl3042();
        t.dl3059();
        t.dl3060();
        return List.copyOf(t.cases);
    }

    private void rule(String id) {
        rule = id;
    }

    private void it(String itTitle) {
        title = itTitle;
    }

    private void catches(String... lines) {
        cases.add(new Case(rule, rule + "Spec.hs", title, String.join("\n", lines) + "\n", true));
    }

    private void catchesNot(String... lines) {
        cases.add(new Case(rule, rule + "Spec.hs", title, String.join("\n", lines) + "\n", false));
    }

    // test/Hadolint/Rule/DL3009Spec.hs
    private void dl3009() {
        rule("DL3009");
        it("apt-get no cleanup");
        catches("FROM scratch", "RUN apt-get update && apt-get install python");
        it("apt-get cleanup in stage image");
        catchesNot("FROM ubuntu as foo", "RUN apt-get update && apt-get install python", "FROM scratch",
                "RUN echo hey!");
        it("apt-get no cleanup in last stage");
        catches("FROM ubuntu as foo", "RUN hey!", "FROM scratch", "RUN apt-get update && apt-get install python");
        it("apt-get no cleanup in intermediate stage");
        catches("FROM ubuntu as foo", "RUN apt-get update && apt-get install python", "FROM foo", "RUN hey!");
        it("no warn apt-get cleanup in intermediate stage that cleans lists");
        catchesNot("FROM ubuntu as foo", "RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*",
                "FROM foo", "RUN hey!");
        it("no warn apt-get cleanup in intermediate stage when stage not used later");
        catchesNot("FROM ubuntu as foo", "RUN apt-get update && apt-get install python", "FROM scratch", "RUN hey!");
        it("apt-get cleanup");
        catchesNot("FROM scratch", "RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*");
        it("don't warn: BuildKit cache mount to apt lists directory");
        catchesNot("RUN --mount=type=cache,target=/var/lib/apt/lists \\",
                "    apt-get update && apt-get install python");
        it("don't warn: BuildKit cache mount to apt directories 1");
        catchesNot("RUN --mount=type=cache,target=/var/lib/apt \\", "    --mount=type=cache,target=/var/cache/apt \\",
                "    rm -f /etc/apt/apt.conf.d/docker-clean && \\", "    apt-get update && apt-get install python");
        it("don't warn: BuildKit cache mount to apt directories 2");
        catchesNot("RUN rm -f /etc/apt/apt.conf.d/docker-clean", "RUN --mount=type=cache,target=/var/cache/apt \\",
                "    --mount=type=cache,target=/var/lib/apt \\", "    apt-get update && apt-get install foo");
        it("warn: BuildKit cache mount to apt cache directory only");
        catches("RUN --mount=type=cache,target=/var/cache/apt \\", "    rm -f /etc/apt/apt.conf.d/docker-clean && \\",
                "    apt-get update && apt-get install python");
        it("warn: BuildKit cache mount to apt lists directory only");
        catches("RUN rm -f /etc/apt/apt.conf.d/docker-clean", "RUN --mount=type=cache,target=/var/lib/apt \\",
                "    apt-get update && apt-get install python");
        it("don't warn: tmpfs mount to apt cache and lists directory");
        catchesNot("RUN \\", "  --mount=type=tmpfs,target=/var/cache/apt \\", "  --mount=type=tmpfs,target=/var/lib/apt \\",
                "  apt-get update");
        it("don't warn: tmpfs mount to apt cache and cache mount to lists directory");
        catchesNot("RUN \\", "  --mount=type=tmpfs,target=/var/cache/apt \\", "  --mount=type=cache,target=/var/lib/apt \\",
                "  apt-get update");
        it("don't warn: cache mount to apt cache and tmpfs mount to lists directory");
        catchesNot("RUN \\", "  --mount=type=cache,target=/var/cache/apt \\", "  --mount=type=tmpfs,target=/var/lib/apt \\",
                "  apt-get update");
        it("don't warn: cache mount to apt cache and lists directory");
        catchesNot("RUN \\", "  --mount=type=cache,target=/var/cache/apt \\", "  --mount=type=cache,target=/var/lib/apt \\",
                "  apt-get update");
        it("apt no cleanup");
        catches("FROM scratch", "RUN apt update && apt install python");
        it("apt cleanup");
        catchesNot("FROM scratch", "RUN apt update && apt install python && rm -rf /var/lib/apt/lists/*");
        it("aptitude no cleanup");
        catches("FROM scratch", "RUN aptitude update && aptitude install python");
        it("aptitude cleanup");
        catchesNot("FROM scratch", "RUN aptitude update && aptitude install python && rm -rf /var/lib/apt/lists/*");
    }

    // test/Hadolint/Rule/DL3015Spec.hs
    private void dl3015() {
        rule("DL3015");
        it("apt-get install recommends");
        catchesNot("RUN apt-get install --no-install-recommends python");
        it("apt-get no install recommends");
        catches("RUN apt-get install python");
        catches("RUN apt-get -y install python");
        it("apt-get no install recommends via option");
        catchesNot("RUN apt-get -o APT::Install-Recommends=false install python");
    }

    // test/Hadolint/Rule/DL3019Spec.hs
    private void dl3019() {
        rule("DL3019");
        it("warn: apk add without --no-cache");
        catches("RUN apk add flex=2.6.4-r1");
        it("don't warn: apk add with --no-cache");
        catchesNot("RUN apk add --no-cache flex=2.6.4-r1");
        it("don't warn: apk add with BuildKit cache mount");
        catchesNot("RUN --mount=type=cache,target=/var/cache/apk apk add -U curl=7.77.0");
        it("don't warn: apk add with BuildKit tmpfs mount");
        catchesNot("RUN --mount=type=tmpfs,target=/var/cache/apk apk add -U curl=7.77.0");
        it("don't warn: apk add with BuildKit cache mount in wrong dir and --no-cache");
        catchesNot("RUN --mount=type=cache,target=/var/cache/foo apk add --no-cache -U curl=7.77.0");
        it("warn: apk add with BuildKit cache mount to wrong dir");
        catches("RUN --mount=type=cache,target=/var/cache/foo apk add -U curl=7.77.0");
        it("warn: apk add with BuildKit tmpfs mount to wrong dir");
        catches("RUN --mount=type=tmpfs,target=/var/cache/foo apk add -U curl=7.77.0");
    }

    // test/Hadolint/Rule/DL3032Spec.hs
    private void dl3032() {
        rule("DL3032");
        it("not ok with no clean all");
        catches("RUN yum install -y mariadb-10.4");
        it("ok with yum clean all ");
        catchesNot("RUN yum install -y mariadb-10.4 && yum clean all");
        catchesNot("RUN bash -c `# not even a yum command`");
        it("ok with rm -rf /var/cache/yum/*");
        catchesNot("RUN yum install -y mariadb-10.4 && rm -rf /var/cache/yum/*");
        it("not ok with clean before install");
        catchesNot("RUN yum install -y mariadb-10.4 && yum clean all");
        catches("RUN yum clean all && yum install -y");
    }

    // test/Hadolint/Rule/DL3036Spec.hs
    private void dl3036() {
        rule("DL3036");
        it("not ok without zypper clean");
        catches("RUN zypper install -y mariadb=10.4");
        it("ok with zypper clean");
        catchesNot("RUN zypper install -y mariadb=10.4 && zypper clean");
        catchesNot("RUN zypper install -y mariadb=10.4 && zypper cc");
        it("not ok with clean before install");
        catches("RUN zypper clean && zypper install -y mariadb=10.4");
        it("ok when mount type cache is used");
        catchesNot("RUN --mount=type=cache,target=/var/cache/zypp zypper install -y mariadb");
        it("ok when mount type tmpfs is used");
        catchesNot("RUN --mount=type=tmpfs,target=/var/cache/zypp zypper install -y mariadb");
    }

    // test/Hadolint/Rule/DL3040Spec.hs
    private void dl3040() {
        rule("DL3040");
        it("no ok without dnf clean all");
        catches("RUN dnf install -y mariadb-10.4");
        catches("RUN microdnf install -y mariadb-10.4");
        catches("RUN dnf in -y mariadb-10.4");
        it("ok with dnf clean all");
        catchesNot("RUN dnf install -y mariadb-10.4 && dnf clean all");
        catchesNot("RUN dnf in -y mariadb-10.4 && dnf clean all");
        catchesNot("RUN microdnf install -y mariadb-10.4 && microdnf clean all");
        catchesNot("RUN notdnf install mariadb");
        it("ok with rm /var/cache/yum");
        catchesNot("RUN dnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*");
        catchesNot("RUN dnf in -y mariadb-10.4 && rm -rf /var/cache/yum/*");
        catchesNot("RUN microdnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*");
        it("not ok with clean before install");
        catches("RUN microdnf clean all && dnf install -y mariadb-10.4");
        catches("RUN microdnf clean all && dnf in -y mariadb-10.4");
        catches("RUN rm -rf /var/cache/libdnf5 && dnf install -y mariadb-10.4");
        catches("RUN rm -rf /var/cache/libdnf5 && dnf in -y mariadb-10.4");
        catches("RUN rm -rf /var/cache/libdnf5 && microdnf install -y mariadb-10.4");
        it("ok with cache mount at /var/cache/yum");
        catchesNot("RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y mariadb-10.4");
        catchesNot("RUN --mount=type=cache,target=/var/cache/libdnf5 dnf in -y mariadb-10.4");
        catchesNot("RUN --mount=type=cache,target=/var/cache/libdnf5 microdnf install -y mariadb-10.4");
        it("ok with tmpfs mount at /var/cache/yum");
        catchesNot("RUN --mount=type=tmpfs,target=/var/cache/libdnf5 dnf install -y mariadb-10.4");
        catchesNot("RUN --mount=type=tmpfs,target=/var/cache/libdnf5 dnf in -y mariadb-10.4");
        catchesNot("RUN --mount=type=tmpfs,target=/var/cache/libdnf5 microdnf install -y mariadb-10.4");
        it("not ok with `dnf upgrade`");
        catches("RUN dnf -y upgrade");
        catches("RUN dnf -y up");
        it("different install command variants");
        for (String sub : new String[] {"install", "in", "upgrade", "up", "upgrade-minimal", "up-min", "reinstall",
            "rei"}) {
            catches("RUN dnf -y " + sub);
        }
        for (String sub : new String[] {"install", "in", "upgrade", "up", "upgrade-minimal", "up-min", "reinstall",
            "rei"}) {
            catchesNot("RUN dnf -y " + sub + " && dnf clean all");
        }
    }

    // test/Hadolint/Rule/DL3042Spec.hs
    private void dl3042() {
        rule("DL3042");
        it("pip2 --no-cache-dir not used");
        catches("RUN pip2 install MySQL_python");
        it("pip3 --no-cache-dir not used");
        catches("RUN pip3 install MySQL_python");
        it("pip --no-cache-dir not used");
        catches("RUN pip install MySQL_python");
        it("pip2 --no-cache-dir used");
        catchesNot("RUN pip2 install MySQL_python --no-cache-dir");
        it("pip3 --no-cache-dir used");
        catchesNot("RUN pip3 install --no-cache-dir MySQL_python");
        it("pip --no-cache-dir used");
        catchesNot("RUN pip install MySQL_python --no-cache-dir");
        it("don't match on pipx");
        catchesNot("RUN pipx install software");
        it("don't match on pipenv");
        catchesNot("RUN pipenv install library");
        String[] truthy = {"1", "on", "yes", "true"};
        String[] falsy = {"0", "off", "no", "false"};
        it("respect ENV PIP_NO_CACHE_DIR with truthy values");
        for (String v : truthy) {
            catchesNot("ENV PIP_NO_CACHE_DIR=" + v, "RUN pip install MySQL_python");
        }
        it("respect RUN PIP_NO_CACHE_DIR=... with truthy values");
        for (String v : truthy) {
            catchesNot("RUN PIP_NO_CACHE_DIR=" + v + " pip install MySQL_python");
        }
        it("respect RUN export PIP_NO_CACHE_DIR=... with truthy values");
        for (String v : truthy) {
            catchesNot("RUN export PIP_NO_CACHE_DIR=" + v + " && pip install MySQL_python");
        }
        it("respect ENV PIP_NO_CACHE_DIR with falsy values");
        for (String v : falsy) {
            catches("ENV PIP_NO_CACHE_DIR=" + v, "RUN pip install MySQL_python");
        }
        it("respect RUN PIP_NO_CACHE_DIR=... with falsy values");
        for (String v : falsy) {
            catches("RUN PIP_NO_CACHE_DIR=" + v + " pip install MySQL_python");
        }
        it("respect RUN export PIP_NO_CACHE_DIR=... with falsy values");
        for (String v : falsy) {
            catches("RUN export PIP_NO_CACHE_DIR=" + v + " && pip install MySQL_python");
        }
        it("don't trigger if PIP_NO_CACHE_DIR is inherited");
        catchesNot("FROM debian:buster as base", "ENV PIP_NO_CACHE_DIR=1", "FROM base", "RUN pip install six");
        it("trigger if PIP_NO_CACHE_DIR is not inherited");
        catches("FROM debian:buster as base", "ENV PIP_NO_CACHE_DIR=1", "FROM debian:buster", "RUN pip install six");
        it("ok with cache mount in cache dir");
        catchesNot("RUN --mount=type=cache,target=/root/.cache/pip pip install foobar");
        it("ok with tmpfs mount in cache dir");
        catchesNot("RUN --mount=type=tmpfs,target=/root/.cache/pip pip install foobar");
    }

    // test/Hadolint/Rule/DL3059Spec.hs
    private void dl3059() {
        rule("DL3059");
        it("ok with no `RUN` at all");
        catchesNot("FROM debian:10");
        it("ok with one `RUN`");
        catchesNot("RUN /foo.sh");
        it("ok with two not consecutive `RUN`");
        catchesNot("RUN /foo.sh", "WORKDIR /", "RUN /bar.sh");
        it("not ok with two consecutive `RUN`s");
        catches("RUN /foo.sh", "RUN /bar.sh");
        it("not ok with two `RUN`s separated by a comment");
        catches("RUN /foo.sh", "# a comment", "RUN /bar.sh");
        it("not ok with two `RUN`s separated by two comment");
        catches("RUN /foo.sh", "# a comment", "# another comment", "RUN /bar.sh");
        it("ok with one `RUN` after a comment");
        catchesNot("# a comment", "RUN /foo.sh");
        it("ok with two consecutive `RUN`s when flags are different 1");
        catchesNot("RUN --mount=type=secret,id=foo /foo.sh", "RUN /bar.sh");
        it("ok with two consecutive `RUN`s when flags are different 2");
        catchesNot("RUN --mount=type=secret,id=foo /foo.sh", "RUN --mount=type=secret,id=bar /bar.sh");
        it("not ok with two consecutive `RUN`s when flags are equal");
        catches("RUN --mount=type=secret,id=foo /foo.sh", "RUN --mount=type=secret,id=foo /bar.sh");
        it("ok with two consecutive `RUN`s when commands are chained 1");
        catchesNot("RUN foo && bar", "RUN foobar");
        it("ok with two consecutive `RUN`s when commands are chained 2");
        catchesNot("RUN foo; bar", "RUN foobar");
        it("ok with two consecutive `RUN`s when commands are chained 3");
        catchesNot("RUN foobar", "RUN foo && bar");
        it("ok with two consecutive `RUN`s when commands are chained 4");
        catchesNot("RUN foobar", "RUN foo; bar");
        it("ok with two consecutive `RUN`s when commands are chained 5");
        catchesNot("RUN foo && bar", "RUN foo; bar");
        it("not ok when more than one `RUN` has just one command in a row");
        catches("RUN foo && bar", "RUN foo", "RUN bar");
    }

    // test/Hadolint/Rule/DL3060Spec.hs
    private void dl3060() {
        rule("DL3060");
        it("ok with non-yarn commands");
        catchesNot("RUN foo");
        it("not ok with no cache clean");
        catches("RUN yarn install foo");
        it("ok with cache clean");
        catchesNot("RUN yarn install bar && yarn cache clean");
        it("not ok with clean before install");
        catches("RUN yarn cache clean && yarn install foo");
        it("ok when cache mount is used");
        catchesNot("RUN --mount=type=cache,target=/root/.cache/yarn yarn install foobar");
        it("ok when tmpfs mount is used");
        catchesNot("RUN --mount=type=tmpfs,target=/root/.cache/yarn yarn install foobar");
        it("not ok when cache mount is in wrong location");
        catches("RUN --mount=type=cache,target=/var/lib/foobar yarn install foobar");
        it("not ok when tmpfs mount is in wrong location");
        catches("RUN --mount=type=tmpfs,target=/var/lib/foobar yarn install foobar");
        it("not ok when yarn install is in last stage w/o yarn clean");
        catches("FROM node:lts-alpine as foo", "RUN hey!", "FROM scratch", "RUN yarn install");
        it("not ok when inheriting from stage with yarn install w/o yarn clean");
        catches("FROM node:lts-alpine as foo", "RUN yarn install", "FROM foo", "RUN hey!");
        it("ok when inheriting from stage with yarn cache clear");
        catchesNot("FROM node:lts-alpine as foo", "RUN yarn install && yarn cache clean", "FROM foo", "RUN hey!");
        it("ok when omitting yarn cache clean in stage that is not reused later");
        catchesNot("FROM node:lts-alpine as foo", "RUN yarn install foo", "FROM scratch", "RUN hey!");
    }
}
