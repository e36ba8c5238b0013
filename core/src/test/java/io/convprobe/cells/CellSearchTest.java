package io.convprobe.cells;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.proxy.Proxies;
import io.convprobe.search.Progress;
import io.convprobe.space.Nb201Space;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a cell screen refuses or says before it scores anything. */
class CellSearchTest {
    private static CellSearch.Request request(String proxies, String rankBy) {
        return new CellSearch.Request(Nb201Space.of(4, 1, false), CellStrategy.of("random", 2L, 0, 3, 100, 50, 10),
                CellProber.Settings.DEFAULT, Proxies.parse(proxies), CellProber.Readout.DEFAULT, rankBy, "x",
                Path.of("unused"));
    }

    @Test
    void rankingByTheRidgeProbeSaysWhatItMeasuredOnNasBench201() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new CellSearch(request("ridge,naswot", "ridge+naswot"), null, Progress.stderr(),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ridge probe ranked the 245").contains("backwards");
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        new CellSearch(request(CellSearch.DEFAULT_PROXIES, CellSearch.DEFAULT_RANK), null, Progress.stderr(),
                new PrintStream(quiet, true, StandardCharsets.UTF_8));
        assertThat(quiet.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theRankScoreMustBeComputed() {
        assertThatThrownBy(() -> new CellSearch(request("naswot", "naswot+synflow"), null, Progress.stderr(), System.err))
                .isInstanceOf(UserException.class).hasMessageContaining("'synflow'").hasMessageContaining("--proxies");
    }
}
