package io.gradcheck4j.race;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RaceTableTest {

    @Test
    void theSummarySaysWhatWasRacedWhoWonAndTheFiguresOfTheLargestNetwork() {
        // GIVEN two races: P = 5*5+5+5*10+10 = 90, numeric 1 ms against backprop 10 µs, all 90 coordinates measured;
        // P = 12*12+12+12*10+10 = 286, numeric 2 ms extrapolated from 100 coordinates against backprop 4 µs:
        // ratio 2e-3 / 4e-6 = 500, theory 2 * 286 / 3 = 190.67
        List<RaceRow> rows = List.of(
                new RaceRow(new SigmoidMlp(5, 5, 10, 16), 90, 90, 4e-6, 1e-3, 1e-5, 1e-9),
                new RaceRow(new SigmoidMlp(12, 12, 10, 16), 286, 100, 2e-6, 2e-3, 4e-6, 3e-8));
        // WHEN / THEN backprop won both; the largest error over both rows is 3e-8
        assertEquals("Raced one gradient of 2 sigmoid MLPs, P = 90 to 286: backprop won 2 of 2 races. At P = 286 (12-12-10 batch 16) "
                + "numeric differentiation took 2.00 ms (extrapolated) against 4.00 µs for backprop, 500 times as long (theory 2P/3 = 191); "
                + "largest relative error between the two gradients 3.0e-08.", RaceTable.summary(rows));
    }

    @Test
    void aRaceBackpropLostIsCounted() {
        // GIVEN one tiny race where numeric took 5 µs and backprop 8 µs (ratio 0.625), theory 2 * 90 / 3 = 60
        List<RaceRow> rows = List.of(new RaceRow(new SigmoidMlp(5, 5, 10, 16), 90, 90, 4e-6, 5e-6, 8e-6, 1e-9));
        // WHEN / THEN
        assertEquals("Raced one gradient of 1 sigmoid MLP, P = 90: backprop won 0 of 1 race. At P = 90 (5-5-10 batch 16) "
                + "numeric differentiation took 5.00 µs against 8.00 µs for backprop, 0.63 times as long (theory 2P/3 = 60); "
                + "largest relative error between the two gradients 1.0e-09.", RaceTable.summary(rows));
    }
}
