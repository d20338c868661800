package dev.whittle.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void frame_showsTotalRateAndPartsInFlight() {
        ProgressBar bar = ProgressBar.on(new PrintStream(new ByteArrayOutputStream()), "Pulling app", 1_000_000);
        ProgressBar.Part a = bar.part("layer 1", 600_000);
        bar.part("layer 2", 400_000).advance(100_000);
        a.advance(300_000);
        assertThat(bar.render(400_000, 2.0)).isEqualTo("Pulling app [##########--------------] 400 kB / 1.00 MB"
                + "  200 kB/s  layer 1 50%  layer 2 25%");
        a.close();
        assertThat(bar.render(1_000_000, 0.1)).isEqualTo("Pulling app [########################] 1.00 MB / 1.00 MB"
                + "  layer 2 25%");
    }

    @Test
    void drawsWithCarriageReturnsAndClearsTheLineOnClose() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ProgressBar bar = ProgressBar.on(new PrintStream(out, true, StandardCharsets.UTF_8), "Pulling", 10)) {
            try (ProgressBar.Part p = bar.part("layer 1", 10)) {
                p.advance(10);
            }
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\rPulling [").endsWith("\r").doesNotContain("\n");
    }

    @Test
    void silentBar_acceptsEverythingAndPrintsNothing() {
        try (ProgressBar bar = ProgressBar.silent(); ProgressBar.Part p = bar.part("x", 5)) {
            p.advance(5);
            p.advance(-5);
        }
    }
}
