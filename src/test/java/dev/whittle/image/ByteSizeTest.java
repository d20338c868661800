package dev.whittle.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0", "1024, 1024", "200MB, 200000000", "200MiB, 209715200", "0.2GB, 200000000",
            "20mb, 20000000", "64G, 68719476736", "1.5 kB, 1500", "3KiB, 3072", "1TB, 1000000000000"})
    void parsesDecimalAndBinaryUnits(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"0, 0 B", "999, 999 B", "1000, 1.00 kB", "1820000000, 1.82 GB", "48234567, 48.2 MB",
            "178000000, 178 MB", "999999, 1.00 MB"})
    void formatsLikeDockerImages(long bytes, String text) {
        assertThat(ByteSize.format(bytes)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"abc", "12XB", "-5MB", "''"})
    void rejectsNonsense(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[" + text);
    }
}
