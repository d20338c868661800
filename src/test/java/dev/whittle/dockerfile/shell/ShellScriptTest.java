package dev.whittle.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Instruction;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellScriptTest {

    private static ShellScript run(String dockerfile) {
        Dockerfile df = Dockerfile.parse(dockerfile);
        assertThat(df.errors()).isEmpty();
        Instruction last = df.instructions().get(df.instructions().size() - 1);
        return ShellScript.of(last);
    }

    @Test
    void splitsOnEveryOperatorAndKeepsEachCommandsLine() {
        ShellScript script = run("""
                FROM debian
                RUN apt-get update \\
                    && apt-get install -y --no-install-recommends curl git \\
                    || echo failed; ls -la | grep x
                """);
        assertThat(script.commands()).extracting(ShellCommand::name)
                .containsExactly("apt-get", "apt-get", "echo", "ls", "grep");
        assertThat(script.commands()).extracting(ShellCommand::separator)
                .containsExactly(Separator.START, Separator.AND, Separator.OR, Separator.SEMICOLON, Separator.PIPE);
        assertThat(script.commands()).extracting(ShellCommand::line).containsExactly(2, 3, 4, 4, 4);
        ShellCommand install = script.commands().get(1);
        assertThat(install.subcommand()).contains("install");
        assertThat(install.positionalsAfter("install")).containsExactly("curl", "git");
        assertThat(install.hasFlag("--no-install-recommends")).isTrue();
        assertThat(install.hasFlag("-y")).isTrue();
        assertThat(install.namePosition().column()).isEqualTo(8);
    }

    @Test
    void removesQuotesButKeepsVariables() {
        ShellScript script = ShellScript.parse("rm -rf \"$HOME/.cache\" '/tmp/a b' /var/lib/apt/lists/*");
        ShellCommand rm = script.commands().get(0);
        assertThat(rm.positionals()).containsExactly("$HOME/.cache", "/tmp/a b", "/var/lib/apt/lists/*");
        assertThat(rm.hasFlag("-r")).isTrue();
        assertThat(rm.hasFlag("-f")).isTrue();
        assertThat(rm.hasFlag("-v")).isFalse();
        assertThat(rm.argWords().get(1).hasExpansion()).isTrue();
        assertThat(rm.argWords().get(1).expanded(java.util.Map.of("HOME", "/root"))).isEqualTo("/root/.cache");
    }

    @Test
    void optionValuesAreNotPositionalsWhenDeclared() {
        ShellCommand pip = ShellScript.parse("pip install --no-cache-dir -r requirements.txt flask==3.0 -c c.txt")
                .commands().get(0);
        assertThat(pip.positionalsAfter("install")).containsExactly("requirements.txt", "flask==3.0", "c.txt");
        assertThat(pip.positionalsAfter("install", "-r", "-c")).containsExactly("flask==3.0");
        assertThat(pip.expandedArgs(java.util.Map.of())).startsWith("install", "--no-cache-dir");
        ShellCommand apt = ShellScript.parse("apt-get install -y $PKGS \"$EXTRA\"").commands().get(0);
        assertThat(apt.expandedArgs(java.util.Map.of("PKGS", "curl"))).containsExactly("install", "-y", "curl",
                "$EXTRA");
    }

    @Test
    void peelsSudoEnvAndAssignments() {
        ShellScript script = ShellScript.parse(
                "DEBIAN_FRONTEND=noninteractive sudo -u root env -i A=1 B=2 /usr/bin/apt-get -q install x");
        ShellCommand c = script.commands().get(0);
        assertThat(c.name()).isEqualTo("apt-get");
        assertThat(c.program()).isEqualTo("/usr/bin/apt-get");
        assertThat(c.wrappers()).containsExactly("sudo", "env");
        assertThat(c.assignments()).containsExactly(java.util.Map.entry("DEBIAN_FRONTEND", "noninteractive"),
                java.util.Map.entry("A", "1"), java.util.Map.entry("B", "2"));
        assertThat(c.args()).containsExactly("-q", "install", "x");
        assertThat(ShellScript.parse("command -v curl || exec nohup curl x").commands())
                .extracting(ShellCommand::name).containsExactly("command", "curl");
    }

    @Test
    void readsNpmFlags() {
        ShellCommand npm = ShellScript.parse("npm ci --omit=dev --no-audit").commands().get(0);
        assertThat(npm.hasSubcommand("ci", "install")).isTrue();
        assertThat(npm.flagValue("--omit")).contains("dev");
        assertThat(npm.hasAnyFlag("--production", "--omit")).isTrue();
        assertThat(npm.hasFlag("--production")).isFalse();
    }

    @Test
    void readsInsideShDashCAndCommandSubstitution() {
        ShellScript script = ShellScript.parse(
                "sh -c 'apt-get update && rm -rf /var/lib/apt/lists/*' && echo $(date +%s) `whoami`");
        assertThat(script.commands()).extracting(ShellCommand::name)
                .containsExactly("sh", "apt-get", "rm", "echo", "date", "whoami");
        assertThat(script.commands()).extracting(ShellCommand::depth).containsExactly(0, 1, 1, 0, 1, 1);
        assertThat(script.first("rm").orElseThrow().namePosition().column()).isEqualTo(26);
    }

    @Test
    void readsThroughCompoundCommands() {
        ShellScript script = ShellScript.parse("""
                set -eux; \\
                if [ -f x ]; then cp x y; else touch y; fi
                for f in a b; do rm "$f"; done
                case "$ARCH" in
                  amd64) echo amd ;;
                  arm64|aarch64) echo arm ;;
                esac
                (cd /tmp && make) && { make install; }
                """);
        assertThat(script.commands()).extracting(ShellCommand::name)
                .containsExactly("set", "[", "cp", "touch", "rm", "echo", "echo", "cd", "make", "make");
        assertThat(script.first("rm").orElseThrow().line()).isEqualTo(3);
        assertThat(script.commands("echo")).extracting(ShellCommand::line).containsExactly(5, 6);
    }

    @Test
    void heredocBodyOfRunIsTheScript() {
        ShellScript script = run("""
                FROM alpine
                RUN --mount=type=cache,target=/var/cache/apk <<EOF
                set -e
                apk add curl
                cat > /etc/motd <<MOTD
                rm -rf everything
                MOTD
                EOF
                """);
        assertThat(script.commands()).extracting(ShellCommand::name).containsExactly("set", "apk", "cat");
        assertThat(script.first("apk").orElseThrow().line()).isEqualTo(4);
        assertThat(script.first("cat").orElseThrow().line()).isEqualTo(5);
    }

    @Test
    void heredocFedToAShellIsReadButOtherProgramsAreNot() {
        assertThat(run("FROM a\nRUN bash -e <<EOF\napt-get update\nEOF\n").commands())
                .extracting(ShellCommand::name).containsExactly("bash", "apt-get");
        assertThat(run("FROM a\nRUN python3 <<EOF\nprint('x')\nEOF\n").commands())
                .extracting(ShellCommand::name).containsExactly("python3");
        assertThat(run("FROM a\nRUN 3<<EOF cat /proc/self/fd/3\nrm -rf /\nEOF\n").commands())
                .extracting(ShellCommand::name).containsExactly("cat");
    }

    @Test
    void jsonFormIsOneCommandAndShDashCIsRead() {
        ShellScript script = run("FROM a\nRUN [\"sh\", \"-c\", \"apt-get update && apt-get install -y x\"]\n");
        assertThat(script.commands()).extracting(ShellCommand::name).containsExactly("sh", "apt-get", "apt-get");
        assertThat(script.commands().get(2).positionalsAfter("install")).containsExactly("x");
    }

    @Test
    void onbuildRunIsRead() {
        ShellScript script = run("FROM a\nONBUILD RUN npm install && npm cache clean --force\n");
        assertThat(script.commands()).extracting(ShellCommand::name).containsExactly("npm", "npm");
        assertThat(script.commands().get(1).positionalsAfter("cache")).containsExactly("clean");
    }

    @Test
    void commentsAndRedirectionsAreNotArguments() {
        List<ShellCommand> commands = ShellScript.parse(
                "curl -fsSL https://x/y.tgz -o /tmp/y.tgz 2>/dev/null > out.txt # fetch it\ntar -xzf /tmp/y.tgz")
                .commands();
        assertThat(commands).extracting(ShellCommand::name).containsExactly("curl", "tar");
        assertThat(commands.get(0).args()).containsExactly("-fsSL", "https://x/y.tgz", "-o", "/tmp/y.tgz");
        assertThat(commands.get(0).flagValue("-o")).contains("/tmp/y.tgz");
        assertThat(commands.get(1).line()).isEqualTo(2);
    }

    @Test
    void sudoWithAssignmentsNamesTheProgramAfterThem() {
        ShellCommand c = ShellScript.parse("sudo -E DEBIAN_FRONTEND=noninteractive apt install -y git").commands()
                .get(0);
        assertThat(c.name()).isEqualTo("apt");
        assertThat(c.assignments()).containsEntry("DEBIAN_FRONTEND", "noninteractive");
        assertThat(c.wrappers()).containsExactly("sudo");
    }
}
