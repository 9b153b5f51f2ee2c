package io.gradcheck4j.check;

import java.util.function.DoubleUnaryOperator;

/** f(t) along a line of the tests, offsets realised exactly, counting its evaluations. */
final class CountingLine implements Stencil.Line {
    private final DoubleUnaryOperator f;
    private int evaluations;

    CountingLine(DoubleUnaryOperator f) {
        this.f = f;
    }

    @Override
    public Evaluation at(double t) {
        evaluations++;
        return Evaluation.of(f.applyAsDouble(t));
    }

    @Override
    public double realised(double t) {
        return t;
    }

    /** How many times f was evaluated since the last {@link #reset}. */
    int evaluations() {
        return evaluations;
    }

    /** Sets the count of evaluations back to 0. */
    void reset() {
        evaluations = 0;
    }
}
