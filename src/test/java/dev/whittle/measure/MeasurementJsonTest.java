package dev.whittle.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.fs.Stacks;
import org.junit.jupiter.api.Test;

/** The result records serialise with a plain ObjectMapper (the lead's {@code --json} relies on it). */
class MeasurementJsonTest {
    @Test
    void recordsSerialiseToTheDocumentedFields() throws Exception {
        Measurement m = ImageMeasurerTest.measure(Stacks.overwriteChainAndDeletedDirectory());
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(m));
        assertThat(json.at("/totals/wastedBytes").asLong()).isEqualTo(1800);
        assertThat(json.at("/layers/1/hidingBytes").asLong()).isEqualTo(1600);
        assertThat(json.at("/layers/0/instruction").asText()).isEqualTo("RUN layer0");
        assertThat(json.at("/wastedFiles/0/reason").asText()).isEqualTo("PARENT_DELETED");
        assertThat(json.at("/dive/wastedBytes").asLong()).isEqualTo(420);
        assertThat(json.at("/dive/inefficientFiles/0/path").asText()).isEqualTo("/etc/conf");
        assertThat(json.at("/largestFiles/0/path").asText()).isEqualTo("/bin/sh");
    }

    @Test
    void notANumberIsWrittenAsAString() throws Exception {
        Measurement m = ImageMeasurerTest.measure(dev.whittle.testing.LayerTarBuilder.layer().file("a", 1).build());
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(m));
        assertThat(json.at("/dive/userWastedPercent").asText()).isEqualTo("NaN");
    }
}
