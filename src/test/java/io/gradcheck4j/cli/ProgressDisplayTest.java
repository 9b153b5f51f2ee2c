package io.gradcheck4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck4j.check.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The progress line's text for given counts and times (the time left being elapsed &middot; (total - done) / done,
 * derived by hand below), and when it is written: on a terminal, once the check has run 1.5 s, cleared when the
 * check ends; never when not on a terminal.
 */
class ProgressDisplayTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void theLineGivesTheCountsThePercentageAndTheTimeLeftAtTheRateSoFar() {
        // GIVEN 12,345 of 37,642 entries done in 2 s: 100 * 12345 / 37642 = 32.8 -> 32%, 2 * 25297 / 12345 = 4.1 s left -> 5 s rounded up
        // WHEN the line is made
        // THEN
        assertEquals("checking: 12,345 of 37,642 entries (32%), about 5 s left", ProgressDisplay.line(12_345, 37_642, 2 * SECOND));
        // AND 1,000 of 4,000 in 2 s: 2 * 3000 / 1000 = 6 s exactly
        assertEquals("checking: 1,000 of 4,000 entries (25%), about 6 s left", ProgressDisplay.line(1_000, 4_000, 2 * SECOND));
    }

    @Test
    void longEstimatesAreInMinutesThenHours() {
        // GIVEN 10 of 1,000 in 6 s: 6 * 990 / 10 = 594 s = 9.9 min -> 10 min
        // AND 1 of 10,000 in 3 s: 3 * 9999 = 29,997 s = 499.95 min -> 500 min = 8 h 20 min
        // WHEN the lines are made
        // THEN
        assertEquals("checking: 10 of 1,000 entries (1%), about 10 min left", ProgressDisplay.line(10, 1_000, 6 * SECOND));
        assertEquals("checking: 1 of 10,000 entries (0%), about 8 h 20 min left", ProgressDisplay.line(1, 10_000, 3 * SECOND));
        // AND 98.2 s rounds up to 99 s; 99.5 s rounds up to 100 s, no longer below 100: 99.5 / 60 = 1.66 -> 2 min
        assertEquals("99 s", ProgressDisplay.duration(98.2));
        assertEquals("2 min", ProgressDisplay.duration(99.5));
    }

    @Test
    void withoutARateThereIsNoEstimateAndWithoutAPlanNoTotal() {
        // GIVEN nothing done yet; more done than planned (a FAST re-check); nothing planned nor done
        // WHEN the lines are made
        // THEN no estimate; no total; nothing
        assertEquals("checking: 0 of 4,000 entries (0%)", ProgressDisplay.line(0, 4_000, 3 * SECOND));
        assertEquals("checking: 12 entries", ProgressDisplay.line(12, 0, 3 * SECOND));
        assertEquals("", ProgressDisplay.line(0, 0, 3 * SECOND));
    }

    @Test
    void onATerminalTheLineAppearsAfterOneAndAHalfSecondsAndIsClearedWhenTheCheckEnds() {
        // GIVEN a display on a terminal and a check started at t = 0 with 1,000 of 4,000 done
        StringWriter err = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(err), true);
        Progress.Entries running = new Progress.Entries(1_000, 4_000, 0, true);
        // WHEN it refreshes at 1.4 s
        display.refresh(running, 1_400_000_000L);
        // THEN nothing yet
        assertEquals("", err.toString());
        // WHEN it refreshes at 2 s, then the check has ended
        display.refresh(running, 2 * SECOND);
        display.refresh(new Progress.Entries(4_000, 4_000, 0, false), 3 * SECOND);
        // THEN the line was written after a carriage return, then blanked and the cursor put back
        String line = "checking: 1,000 of 4,000 entries (25%), about 6 s left";
        assertEquals("\r" + line + "\r" + " ".repeat(line.length()) + "\r", err.toString());
    }

    @Test
    void aShorterLinePadsOverTheLongerOneAndCloseClearsForGood() {
        // GIVEN a line shown on a terminal
        StringWriter err = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(err), true);
        display.refresh(new Progress.Entries(10, 1_000, 0, true), 6 * SECOND);
        String longer = "checking: 10 of 1,000 entries (1%), about 10 min left";
        // WHEN a shorter one follows, then the display is closed and asked again
        display.refresh(new Progress.Entries(500, 1_000, 0, true), 6 * SECOND);
        String shorter = "checking: 500 of 1,000 entries (50%), about 6 s left";
        display.close();
        display.refresh(new Progress.Entries(600, 1_000, 0, true), 7 * SECOND);
        // THEN the shorter line is padded to the longer's length, and after the close only the blanking of the shorter was written
        String pad = " ".repeat(longer.length() - shorter.length());
        assertEquals("\r" + longer + "\r" + shorter + pad + "\r" + " ".repeat(shorter.length()) + "\r", err.toString());
    }

    @Test
    void notOnATerminalNothingIsEverWritten() {
        // GIVEN a display not on a terminal
        StringWriter err = new StringWriter();
        ProgressDisplay display = ProgressDisplay.start(new PrintWriter(err), false);
        // WHEN a check has run 10 s, then ends, then the display is closed
        display.refresh(new Progress.Entries(1_000, 4_000, 0, true), 10 * SECOND);
        display.clear();
        display.close();
        // THEN nothing was written
        assertEquals("", err.toString());
    }

    @Test
    void theTimeoutMessageEndsWithTheCountsOnlyWhileACheckRuns() {
        // GIVEN a running check, an ended one, a FAST one (nothing planned), a FAST re-check
        // WHEN the endings are made
        // THEN
        assertEquals(" (1,000 of 4,000 entries done)", ProgressDisplay.done(new Progress.Entries(1_000, 4_000, 0, true)));
        assertEquals("", ProgressDisplay.done(new Progress.Entries(4_000, 4_000, 0, false)));
        assertEquals("", ProgressDisplay.done(new Progress.Entries(0, 0, 0, true)));
        assertEquals(" (64 entries done)", ProgressDisplay.done(new Progress.Entries(64, 0, 0, true)));
    }
}
