package io.gradcheck4j.report;

/**
 * One engine value that differs from the fixture's expected value beyond the fixture's tolerance.
 *
 * @param entry    what and where, e.g. {@code gradients.layers.0.weight[1, 2]} or {@code loss}
 * @param expected the fixture's value e
 * @param actual   the engine's value a
 * @param absError |a - e|
 * @param allowed  atol + rtol &middot; |e|
 */
public record ValueMismatch(String entry, double expected, double actual, double absError, double allowed) {

    /** One line: {@code <entry>: expected e, actual a (|actual - expected| = d > allowed t)}. */
    public String message() {
        return FailureMessages.valueMismatch(this);
    }

    @Override
    public String toString() {
        return message();
    }
}
