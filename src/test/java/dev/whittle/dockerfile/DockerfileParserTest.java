package dev.whittle.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

    private static Dockerfile ok(String text) {
        Dockerfile df = Dockerfile.parse(text);
        assertThat(df.errors()).as("errors").isEmpty();
        return df;
    }

    @Test
    void directivesOnlyCountAtTheTopAndIgnoreCase() {
        Dockerfile df = ok("# SYNTAX = docker/dockerfile:1.7\n#Escape=`\n# check=skip=all\nFROM a\nRUN echo `\n  hi\n");
        assertThat(df.directives()).extracting(Directive::name).containsExactly("syntax", "escape", "check");
        assertThat(df.directive("syntax").orElseThrow().value()).isEqualTo("docker/dockerfile:1.7");
        assertThat(df.escape()).isEqualTo('`');
        assertThat(df.instructions().get(1).args()).containsExactly("echo   hi");

        Dockerfile late = ok("# hello\n# escape=`\nFROM a\n");
        assertThat(late.directives()).isEmpty();
        assertThat(late.escape()).isEqualTo('\\');
    }

    @Test
    void repeatedOrInvalidDirectivesAreErrors() {
        Dockerfile twice = Dockerfile.parse("# escape=\\\n# escape=`\nFROM a\n");
        assertThat(twice.errors()).extracting(ParseError::line, ParseError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "only one escape parser directive can be used"));
        assertThat(Dockerfile.parse("# escape=x\nFROM a\n").errors()).hasSize(1);
    }

    @Test
    void continuationsSkipCommentsAndBlankLinesAndTolerateTrailingBlanks() {
        Dockerfile df = ok("FROM a\nRUN apt-get update \\  \n# a comment\n\n    && apt-get install -y x\n");
        Instruction run = df.instructions().get(1);
        assertThat(run.args()).containsExactly("apt-get update     && apt-get install -y x");
        assertThat(run.startLine()).isEqualTo(2);
        assertThat(run.endLine()).isEqualTo(5);
        assertThat(df.warnings()).hasSize(1);
        assertThat(df.comments()).extracting(Comment::line).containsExactly(3);
    }

    @Test
    void everyInstructionHasExactStartAndEndColumns() {
        Dockerfile df = ok("FROM alpine AS base\n  RUN echo a \\\n    b\nCOPY x /y\n");
        Instruction run = df.instructions().get(1);
        assertThat(run.span()).isEqualTo(new Span(new Position(2, 3), new Position(3, 5)));
        assertThat(run.positionAt(run.argsText().indexOf('b'))).isEqualTo(new Position(3, 5));
        assertThat(run.positionAt(0)).isEqualTo(new Position(2, 7));
        assertThat(df.instructions().get(2).span()).isEqualTo(new Span(new Position(4, 1), new Position(4, 9)));
    }

    @Test
    void flagsAreKeptInOrderKnownOrNot() {
        Instruction copy = ok("FROM a\nCOPY --link --from=build --chown=\"app:app\" --frobnicate -- src /dst\n")
                .instructions().get(1);
        assertThat(copy.flags()).extracting(Flag::raw)
                .containsExactly("--link", "--from=build", "--chown=app:app", "--frobnicate");
        assertThat(copy.flagValue("from")).contains("build");
        assertThat(copy.flag("--link").orElseThrow().value()).isNull();
        assertThat(copy.args()).containsExactly("src", "/dst");
    }

    @Test
    void jsonFormAndFallbackToShellForm() {
        Dockerfile df = ok("FROM a\nCMD [\"a\", \"b\"]\nCMD [\"a\", 'b']\nENTRYPOINT [\"x\"] trailing\nCMD [ ]\n");
        List<Instruction> i = df.instructions();
        assertThat(i.get(1).isJson()).isTrue();
        assertThat(i.get(1).args()).containsExactly("a", "b");
        assertThat(i.get(2).isJson()).isFalse();
        assertThat(i.get(2).isShellForm()).isTrue();
        assertThat(i.get(2).args()).containsExactly("[\"a\", 'b']");
        assertThat(i.get(3).isJson()).isFalse(); // text after the array: not JSON, as with Go's json.Unmarshal
        assertThat(i.get(3).args()).containsExactly("[\"x\"] trailing");
        assertThat(i.get(4).args()).isEmpty();
        assertThat(Dockerfile.parse("FROM a\nCMD [\"a\", 1]\n").errors()).extracting(ParseError::message)
                .containsExactly("when using JSON array syntax, arrays must be comprised of strings only");
    }

    @Test
    void envAndLabelInBothForms() {
        Dockerfile df = ok("FROM a\nENV A 1 2 3\nENV B=1 C=\"x y\" D=z\\ w\nLABEL a=b\n");
        assertThat(df.instructions().get(1).keyValues()).containsExactly(new KeyValue("A", "1 2 3", ""));
        assertThat(df.instructions().get(2).keyValues()).containsExactly(new KeyValue("B", "1", "="),
                new KeyValue("C", "\"x y\"", "="), new KeyValue("D", "z\\ w", "="));
        assertThat(df.instructions().get(3).keyValues().get(0).legacy()).isFalse();
        assertThat(Dockerfile.parse("FROM a\nENV A=1 B\n").errors().get(0).message()).contains("can't find =");
    }

    @Test
    void argKeepsQuotes() {
        assertThat(ok("ARG A=\"1 2\" B\nFROM a\n").instructions().get(0).args()).containsExactly("A=\"1 2\"", "B");
    }

    @Test
    void onbuildWrapsAnInstructionWithItsOwnFlagsAndHeredocs() {
        Dockerfile df = ok("FROM a\nONBUILD RUN --mount=type=cache,target=/c <<EOF\necho hi\nEOF\nRUN x\n");
        Instruction onbuild = df.instructions().get(1);
        Instruction child = onbuild.onbuildChild().orElseThrow();
        assertThat(child.keyword()).isEqualTo(Keyword.RUN);
        assertThat(child.flagValue("mount")).contains("type=cache,target=/c");
        assertThat(onbuild.heredocs()).extracting(Heredoc::content).containsExactly("echo hi\n");
        assertThat(child.heredocs()).hasSize(1);
        assertThat(child.span()).isEqualTo(new Span(new Position(2, 9), new Position(4, 3)));
        assertThat(onbuild.endLine()).isEqualTo(4);
        assertThat(df.dump()).isEqualTo("(from \"a\")\n(onbuild (run [\"--mount=type=cache,target=/c\"] \"<<EOF\"))\n"
                + "(run \"x\")");
    }

    @Test
    void heredocsOfEveryKind() {
        Dockerfile df = ok("""
                FROM a
                RUN <<EOF
                EOF
                RUN 3<<FD cat /proc/self/fd/3
                x
                FD
                RUN "<<NOTONE"
                RUN <<-TABS
                \tone
                \t\ttwo
                \tTABS
                RUN <<'QUOTED' bash
                echo $NOT_EXPANDED
                QUOTED
                COPY <<A <<B /dest/
                content a
                A
                content b
                B
                RUN ["<<EOF"]
                USER <<X
                X
                """);
        List<Instruction> i = df.instructions();
        assertThat(i.get(1).heredocs()).containsExactly(new Heredoc("EOF", 0, true, false, "", 3, 3));
        assertThat(i.get(2).heredocs().get(0).fileDescriptor()).isEqualTo(3);
        assertThat(i.get(3).heredocs()).isEmpty();
        Heredoc tabs = i.get(4).heredocs().get(0);
        assertThat(tabs.chomp()).isTrue();
        assertThat(tabs.content()).isEqualTo("\tone\n\t\ttwo\n");
        assertThat(tabs.body()).isEqualTo("one\ntwo\n");
        assertThat(i.get(4).span().endLine()).isEqualTo(11);
        Heredoc quoted = i.get(5).heredocs().get(0);
        assertThat(quoted.expand()).isFalse();
        assertThat(quoted.name()).isEqualTo("QUOTED");
        assertThat(i.get(6).heredocs()).extracting(Heredoc::name, Heredoc::content, Heredoc::startLine)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A", "content a\n", 16),
                        org.assertj.core.groups.Tuple.tuple("B", "content b\n", 18));
        assertThat(i.get(7).heredocs()).isEmpty();
        assertThat(i.get(8).heredocs()).isEmpty();
        assertThat(i.get(9).command()).isEqualTo("x"); // USER takes no heredoc: X is an instruction of its own
    }

    @Test
    void unterminatedHeredocIsAnErrorWithALine() {
        Dockerfile df = Dockerfile.parse("FROM a\nRUN <<EOF\necho hi\n");
        assertThat(df.errors()).extracting(ParseError::message).containsExactly("unterminated heredoc");
        assertThat(df.errors().get(0).line()).isEqualTo(3);
        // BuildKit ignores lexing errors of the whole line: an unbalanced quote means "no heredoc", not an error
        assertThat(ok("FROM a\nRUN <<'EOF\n").instructions().get(1).heredocs()).isEmpty();
    }

    @Test
    void badInputIsDataNotAnException() {
        assertThat(Dockerfile.parse("").errors()).extracting(ParseError::message)
                .containsExactly("file with no instructions");
        Dockerfile df = Dockerfile.parse("FROM a\nENV PATH\nRUN ok\n");
        assertThat(df.errors()).extracting(ParseError::line, ParseError::column, ParseError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, 1, "ENV must have two arguments"));
        assertThat(df.instructions()).extracting(Instruction::command).containsExactly("from", "run");
    }

    @Test
    void commentsBeforeAnInstructionAreAttachedToIt() {
        Dockerfile df = ok("FROM a\n# hadolint ignore=DL3008\n# whittle ignore=WH001\nRUN apt-get install x\n");
        assertThat(df.instructions().get(1).comments()).extracting(Comment::text)
                .containsExactly("hadolint ignore=DL3008", "whittle ignore=WH001");
        assertThat(df.instructions().get(0).comments()).isEmpty();
        assertThat(df.instructionAfter(2)).containsSame(df.instructions().get(1));
        assertThat(df.instructionAt(4)).containsSame(df.instructions().get(1));
        assertThat(df.instructionAt(2)).isEmpty();
    }

    @Test
    void aBareHashEndsTheAttachedCommentsAndDirectivesAreNotComments() {
        Dockerfile df = ok("# syntax=docker/dockerfile:1\n# about the file\n#\n# about FROM\nFROM a\n");
        assertThat(df.instructions().get(0).comments()).extracting(Comment::text).containsExactly("about FROM");
        assertThat(df.comments()).extracting(Comment::line).containsExactly(2, 3, 4);
    }

    @Test
    void aLineLongerThanBuildKitsScannerBufferIsAnError() {
        String label = "a".repeat(64 * 1024);
        Dockerfile df = Dockerfile.parse("FROM image\nLABEL test=" + label + "\nRUN x\n");
        assertThat(df.errors()).extracting(ParseError::line, ParseError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "dockerfile line greater than max allowed size of 65535"));
        assertThat(df.instructions()).hasSize(1);
    }

    @Test
    void byteOrderMarkAndCrlfAreTolerated() {
        Dockerfile df = ok("\uFEFFFROM a\r\nRUN echo \\\r\n  b\r\n");
        assertThat(df.instructions().get(1).args()).containsExactly("echo   b");
        assertThat(df.sourceLine(2)).isEqualTo("RUN echo \\");
    }
}
