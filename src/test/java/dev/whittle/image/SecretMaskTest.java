package dev.whittle.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskTest {
    @Test
    void masksSecretValuesAndKeepsTheirNames() {
        assertThat(SecretMask.text("|2 NPM_TOKEN=abc123 V=1 /bin/sh -c npm ci"))
                .isEqualTo("|2 NPM_TOKEN=**** V=1 /bin/sh -c npm ci");
        assertThat(SecretMask.text("/bin/sh -c #(nop)  ENV AWS_SECRET_ACCESS_KEY=\"a b\" PATH=/bin"))
                .isEqualTo("/bin/sh -c #(nop)  ENV AWS_SECRET_ACCESS_KEY=**** PATH=/bin");
        assertThat(SecretMask.text("RUN echo //registry.example/:_authToken=xyz > .npmrc"))
                .isEqualTo("RUN echo //registry.example/:_authToken=**** > .npmrc");
        assertThat(SecretMask.text("RUN login --password hunter2 --user bob && curl https://bob:pw@host/x"))
                .isEqualTo("RUN login --password **** --user bob && curl https://bob:****@host/x");
        assertThat(SecretMask.text("RUN git clone https://x/ghp_abcdefghijklmnopqrstuvwxyz0123456789/r"))
                .isEqualTo("RUN git clone https://x/****/r");
        assertThat(SecretMask.env("DB_PASSWORD=s3cret")).isEqualTo("DB_PASSWORD=****");
    }

    @Test
    void leavesReferencesAndHarmlessTextAlone() {
        String s = "|1 NPM_TOKEN=$NPM_TOKEN /bin/sh -c TOKEN=${T} make && apt-get install -y curl";
        assertThat(SecretMask.text(s)).isEqualTo(s);
        assertThat(SecretMask.text(null)).isNull();
        assertThat(SecretMask.env("PATH=/usr/bin")).isEqualTo("PATH=/usr/bin");
        assertThat(SecretMask.secretsIn(s)).isEmpty();
    }

    @Test
    void namesWhatItMasksNeverTheValue() {
        assertThat(SecretMask.secretsIn("|1 NPM_TOKEN=abc /bin/sh -c curl https://u:p@h/ AKIAABCDEFGHIJKLMNOP"))
                .containsExactly("NPM_TOKEN", "password in a URL", "AWS access key id");
    }

    /**
     * Backtracking on hostile text would be quadratic or worse: four times the text would cost sixteen times the CPU.
     * A ratio of this thread's CPU time, not a wall-clock bound, so a loaded machine cannot fail it.
     */
    @Test
    void staysLinearOnLongHostileText() {
        maskHostile(50_000); // warm the JIT so neither measured run compiles
        long small = maskHostile(100_000);
        long large = maskHostile(400_000);
        assertThat((double) large / Math.max(small, 1)).as("CPU for 4x the text, as a multiple").isLessThan(9.0);
    }

    private static long maskHostile(int n) {
        String hostile = "a.".repeat(n) + "-".repeat(n) + "a".repeat(n);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = cpu.getCurrentThreadCpuTime();
        assertThat(SecretMask.text(hostile)).isEqualTo(hostile);
        return cpu.getCurrentThreadCpuTime() - start;
    }
}
