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

    @Test
    void staysLinearOnLongHostileText() {
        String hostile = "a.".repeat(500_000) + "-".repeat(500_000) + "a".repeat(500_000);
        long start = System.nanoTime();
        assertThat(SecretMask.text(hostile)).isEqualTo(hostile);
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
}
