package io.convprobe.find;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The closing lines name the predictor's choice in words; "prior" is the screen's ranking kept. */
class FindTextTest {
    @Test
    void thePriorKeptIsSaidInWords() {
        assertThat(FindText.model("prior")).contains("kept the screen's ranking");
        assertThat(FindText.model("ridge+arch λ0.50")).isEqualTo("predictor (ridge+arch λ0.50)");
    }
}
