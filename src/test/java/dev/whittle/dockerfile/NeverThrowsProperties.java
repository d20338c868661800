package dev.whittle.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.build.BuildPlan;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellScript;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the input, parsing, planning and reading RUN scripts return data and never throw. */
class NeverThrowsProperties {

    @Property(tries = 400)
    void anyTextParsesToDataNotExceptions(@ForAll("dockerfileish") String text) {
        Dockerfile df = Dockerfile.parse(text);
        assertThat(df.dump()).isNotNull();
        BuildPlan plan = BuildPlan.of(df);
        for (Instruction i : df.instructions()) {
            for (ShellCommand c : ShellScript.of(i).commands()) {
                assertThat(c.line()).isBetween(1, Math.max(1, df.lineCount()));
                c.positionals();
            }
            plan.expandedArgs(i);
            RunMount.of(i);
            assertThat(i.startLine()).isLessThanOrEqualTo(i.endLine());
        }
        plan.builtStage().ifPresent(s -> plan.copiedFrom(s));
        for (Stage s : plan.stages()) {
            assertThat(s.baseImage()).isNotNull();
        }
        for (ParseError e : df.errors()) {
            assertThat(e.line()).isPositive();
        }
    }

    @Provide
    Arbitrary<String> dockerfileish() {
        List<String> pieces = List.of("FROM ", "RUN ", "COPY ", "ENV ", "ARG ", "ONBUILD ", "CMD ", "LABEL ",
                "HEALTHCHECK ", "--mount=type=cache,target=/x ", "--from=0 ", "<<EOF", "<<-'E'", "3<<X", "EOF",
                "\n", "\n", "\\\n", "`\n", "# escape=`\n", "# comment\n", "[\"a\", ", "\"", "'", "$", "${", "}",
                "${A:-b}", "=", " AS x", "&&", "||", ";", "|", "(", ")", "$(", "`", "sh -c ", "\t", "  ", "x",
                "apt-get install -y", "\r\n", "\uFEFF", "é", "\\");
        return Arbitraries.of(pieces).list().ofMaxSize(40).map(l -> String.join("", l));
    }
}
