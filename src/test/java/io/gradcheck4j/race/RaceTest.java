package io.gradcheck4j.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck4j.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class RaceTest {

    @Test
    void raceNetworksGrowFromAboutAHundredParametersAndStayUnderTheLimit() {
        // WHEN the networks up to 40,000 parameters are listed
        List<SigmoidMlp> networks = Race.networks(40_000);

        // THEN they are w-w-10 MLPs, P = w^2 + 11w + 10 counted from their tensors, growing, the first near 1e2
        assertEquals(6, networks.size());
        long previous = 0;
        for (SigmoidMlp mlp : networks) {
            long counted = mlp.build(1).network().parameters().values().stream().mapToLong(Tensor::size).sum();
            long w = mlp.in();
            assertEquals(w * w + 11 * w + 10, counted);
            assertEquals(counted, mlp.parameterCount());
            assertTrue(counted > previous && counted <= 40_000);
            previous = counted;
        }
        assertTrue(networks.get(0).parameterCount() >= 50 && networks.get(0).parameterCount() <= 200);
    }

    @Test
    void benchmarkMlpsHaveTheParameterCountsOfTheAnchors() {
        // GIVEN/WHEN/THEN 4*8+8+8*3+3 = 67, 32*64+64+64*10+10 = 2,762, 128*256+256+256*10+10 = 35,594
        assertEquals(67, SigmoidMlp.small().build(1).network().parameterCount());
        assertEquals(2_762, SigmoidMlp.medium().build(1).network().parameterCount());
        assertEquals(35_594, SigmoidMlp.large().build(1).network().parameterCount());
    }

    @Test
    void aRaceRowMeasuresBothGradientsAndTheyAgree() {
        // GIVEN the smallest race network and a budget too small for all of its coordinates
        SigmoidMlp mlp = Race.networks(100).get(0);

        // WHEN it is raced
        RaceRow row = new Race(1e-4, 3).run(mlp);

        // THEN 2P passes are accounted, k <= P coordinates ran, and numeric agrees with backprop on them
        assertEquals(2 * mlp.parameterCount(), row.numericPasses());
        assertTrue(row.sampledCoordinates() >= 4 && row.sampledCoordinates() <= mlp.parameterCount());
        assertEquals(row.sampledCoordinates() < mlp.parameterCount(), row.extrapolated());
        assertTrue(row.forwardSeconds() > 0 && row.backpropSeconds() > 0 && row.numericSeconds() > 0);
        assertTrue(row.maxRelativeError() < 1e-4, "max relative error " + row.maxRelativeError());
    }

    @Test
    void derivedColumnsFollowFromTheMeasurements() {
        // GIVEN a row with hand-picked times: P = 300, forward 1 ms, numeric 400 ms from 300 coordinates, backprop 2 ms
        RaceRow row = new RaceRow(new SigmoidMlp(1, 1, 1, 1), 300, 300, 0.001, 0.4, 0.002, 0);

        // WHEN/THEN ratio 0.4 / 0.002 = 200, theory 2 * 300 / 3 = 200, backprop = 2 forward passes, not extrapolated
        assertEquals(200, row.ratio(), 1e-9);
        assertEquals(200, row.theoreticalRatio(), 1e-9);
        assertEquals(2, row.backpropInForwardPasses(), 1e-9);
        assertEquals(600, row.measuredPasses());
        assertFalse(row.extrapolated());
    }

    @Test
    void tableMarksExtrapolatedTimes() {
        // GIVEN one measured and one extrapolated row
        List<RaceRow> rows = List.of(
                new RaceRow(new SigmoidMlp(5, 5, 10, 16), 90, 90, 1e-5, 0.0123, 2e-5, 1e-9),
                new RaceRow(new SigmoidMlp(994, 994, 10, 16), 998_980, 50, 0.02, 39_959.2, 0.05, 1e-8));

        // WHEN the table is printed
        String text = RaceTable.text(rows);

        // THEN the extrapolated row shows the passes actually run and a starred time, explained in a footnote
        assertTrue(text.contains("1,997,960 (ran 100)"), text);
        assertTrue(text.contains("11.1 h*"), text);
        assertTrue(text.contains("12.3 ms"), text);
        assertTrue(text.contains("* extrapolated"), text);
        assertTrue(text.contains("665,987"), text);
    }

    @Test
    void durationsPickTheLargestUnitAboveOne() {
        // GIVEN/WHEN/THEN
        assertEquals("500 ns", Durations.format(5e-7));
        assertEquals("12.3 µs", Durations.format(1.23e-5));
        assertEquals("1.50 min", Durations.format(90));
        assertEquals("2.00 d", Durations.format(172_800));
    }
}
